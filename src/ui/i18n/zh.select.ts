/** Chinese (Simplified) strings of the selection tools; keys as in en.select.ts. */
export const zhSelect = {
  'action.rectSelect': '矩形选框',
  'action.ellipseSelect': '椭圆选框',
  'action.lasso': '套索',
  'action.wand': '魔棒',
  'tool.rectSelect.desc': '拖动画出矩形。拖动中按 Shift：正方形；按 Alt：从中心画。',
  'tool.ellipseSelect.desc': '拖动画出椭圆。拖动中按 Shift：正圆；按 Alt：从中心画。',
  'tool.lasso.desc': '拖动圈出区域，或逐点单击，双击或按 Enter 闭合。Esc 取消。',
  'tool.wand.desc': '单击一种颜色，选中其周围（或不连续时全图）相近的像素。',
  'toolbar.select': '选区',
  'select.mode': '选区模式',
  'select.mode.replace': '新选区',
  'select.mode.add': '添加（Shift）',
  'select.mode.subtract': '减去（Alt）',
  'select.mode.intersect': '交叉（Shift+Alt）',
  'select.tolerance': '容差',
  'select.contiguous': '连续',
};
