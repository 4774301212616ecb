import type { enAccess } from './en.access.ts';

/** 语言切换、工具栏分组、键盘（快捷键表、键盘画笔）和进度的简体中文文字。 */
export const zhAccess: Record<keyof typeof enAccess, string> = {
  'language.label': '语言',

  'toolbar.file': '文件',
  'toolbar.paint': '画笔',
  'toolbar.mask': '蒙版',
  'toolbar.view': '视图',
  'toolbar.app': '面板与设置',
  'toolbar.host': '页面',
  'toolbar.more': '更多工具',

  'action.shortcuts': '键盘快捷键',
  'action.selectAll': '全部涂抹（全选）',
  'action.brushLeft': '画笔左移',
  'action.brushRight': '画笔右移',
  'action.brushUp': '画笔上移',
  'action.brushDown': '画笔下移',
  'action.penToggle': '在画笔处开始或停止涂抹',

  'canvas.keys': '方向键移动画笔（按住 Shift 步子更大），视图会跟着画笔走；Enter 开始或停止涂抹；{mod}+A 涂抹整张图像。按 ? 查看全部快捷键。',
  'canvas.penDown': '正在涂抹：用方向键移动画笔，按 Enter 停止。',
  'canvas.penUp': '未在涂抹：按 Enter 在画笔所在处开始涂抹。',

  'shortcuts.title': '键盘快捷键',
  'shortcuts.close': '关闭',
  'shortcuts.or': '或',
  'shortcuts.group.file': '文件',
  'shortcuts.group.paint': '画笔',
  'shortcuts.group.mask': '蒙版',
  'shortcuts.group.canvas': '在画布上（键盘画笔）',
  'shortcuts.group.view': '视图',
  'shortcuts.group.edit': 'AI 编辑',
  'shortcuts.group.other': '其他',
  'shortcuts.group.pointer': '鼠标、手写笔和触摸',
  'shortcuts.canvasHint': '先用 Tab 移到画布上：画布获得焦点时这些按键才起作用。',
  'shortcuts.pan': '按住空格拖动，或按住鼠标中键拖动：平移。',
  'shortcuts.wheel': '滚轮：以指针为中心缩放；Shift + 滚轮：横向平移。',
  'shortcuts.touch': '触摸：双指捏合缩放，双指移动平移。手写笔：打开“笔压控制粗细”后，笔压决定画笔粗细。',
  'shortcuts.tab': 'Tab 和 Shift+Tab 在控件之间移动；Enter 或空格键按下按钮。',

  'progress.label': '进度',
  'progress.elapsed': '共 {seconds} 秒',
  'progress.phase.preparing': '正在准备图像和蒙版',
  'progress.phase.uploading': '正在上传',
  'progress.phase.waiting': '正在等待模型',
  'progress.phase.generating': '正在生成',
  'progress.phase.filling': '正在填充涂抹区域',
};
