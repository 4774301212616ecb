import type { enRefine } from './en.refine.ts';

/** “优化蒙版”面板的中文文字。 */
export const zhRefine: Record<keyof typeof enRefine, string> = {
  'action.refineMask': '优化蒙版…',
  'refine.title': '优化蒙版',
  'refine.description': '一次性修改整个蒙版。调整时画布会显示效果；“应用”作为一步撤销保存，“取消”保持蒙版不变。',
  'refine.op': '优化方式',
  'refine.grow': '扩展',
  'refine.shrink': '收缩',
  'refine.fillHoles': '填充空洞',
  'refine.removeSpecks': '去除小斑点',
  'refine.smooth': '平滑边缘',
  'refine.px': '距离（图像像素）',
  'refine.area': '小于（平方像素）',
  'refine.radius': '半径（图像像素）',
  'refine.fillHolesNote': '蒙版围住的所有未涂抹区域都会被涂抹。',
  'refine.apply': '应用',
  'refine.cancel': '取消',
};
