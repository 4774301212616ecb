import type { Strings } from './en.ts';
import { zhEdit } from './zh.edit.ts';
import { zhAccess } from './zh.access.ts';
import { zhSelect } from './zh.select.ts';
import { zhResults } from './zh.results.ts';
import { zhRefine } from './zh.refine.ts';
import { zhExtend } from './zh.extend.ts';

/**
 * 简体中文界面文字。键与 en.ts 完全相同（类型检查和 test/unit/i18n.test.ts 都会核对），
 * `{name}` 占位符原样保留。Simplified Chinese: the same keys as en.ts, placeholders kept.
 */
export const zh: Strings = {
  'app.title': '局部重绘编辑器',
  'empty.title': '把图像拖到这里',
  'empty.body': '或选择文件，或从剪贴板粘贴。支持 PNG、JPEG、WebP。',
  'drop.overlay': '松开即可打开图像',

  'action.open': '打开图像…',
  'action.downloadMask': '下载蒙版',
  'action.downloadImage': '下载原图',
  'action.loadMask': '载入蒙版…',
  'action.brush': '画笔',
  'action.eraser': '橡皮擦',
  'action.brushSmaller': '缩小画笔',
  'action.brushLarger': '放大画笔',
  'action.undo': '撤销',
  'action.redo': '重做',
  'action.clear': '清除蒙版',
  'action.invert': '反转蒙版',
  'action.toggleMask': '显示或隐藏蒙版',
  'action.zoomIn': '放大',
  'action.zoomOut': '缩小',
  'action.fit': '适合窗口',
  'action.zoomActual': '实际大小（100%）',
  'action.embedSave': '保存到页面',
  'action.embedCancel': '取消',

  'control.brushSize': '画笔大小',
  'control.brushSizeValue': '{size} px',
  'control.maskColor': '蒙版颜色',
  'control.maskOpacity': '蒙版不透明度',
  'control.pressure': '笔压控制粗细',
  'control.zoom': '缩放',

  'status.image': '{name} · {width}×{height} · {format}',
  'status.noImage': '未打开图像',
  'status.loading': '正在打开 {name}…',
  'status.canvas': '图像画布：涂抹要修改的区域',

  'note.animated-first-frame': '这是一张动图：只打开了第一帧。',
  'note.scaled-down': '图像已从 {ow}×{oh} 缩小到 {width}×{height}，以符合编辑器的尺寸上限。',
  'note.orientation-applied': '已按相机记录的方向（EXIF 方向）把照片转正。',

  'load.scaleOffer': '“{name}”为 {width}×{height}，超出编辑器的上限（每边 8192 像素、共 4000 万像素）。要缩小到 {tw}×{th} 后打开吗？',
  'load.scaleYes': '缩小并打开',
  'load.cancel': '取消',
  'load.error.empty': '“{name}”是空文件（0 字节）。没有打开任何文件，当前的工作保持不变。',
  'load.error.unsupported': '“{name}”不是 PNG、JPEG 或 WebP 图像。没有打开任何文件，当前的工作保持不变。',
  'load.error.svg': '“{name}”是 SVG 矢量图。编辑器只能打开照片和位图（PNG、JPEG、WebP），请先导出为 PNG。没有打开任何文件。',
  'load.error.corrupt': '“{name}”已损坏，无法读取。没有打开任何文件，当前的工作保持不变。',
  'load.error.truncated': '“{name}”不完整：文件提前结束了（下载或复制中断了？）。没有打开任何文件，当前的工作保持不变。',
  'load.error.file-too-large': '“{name}”有 {mb} MB，编辑器最多打开 {max} MB 的文件。没有打开任何文件。',
  'load.error.too-many-pixels': '“{name}”声明的尺寸为 {width}×{height} 像素，太大，无法安全打开。请先缩小到每边 8192 像素、共 4000 万像素以内。没有打开任何文件。',
  'load.error.decode-failed': '浏览器无法解码“{name}”，文件可能已损坏或使用了少见的编码。没有打开任何文件，当前的工作保持不变。',
  'load.error.mask-not-png': '蒙版必须是 PNG 文件。“{name}”没有载入，当前蒙版保持不变。',
  'load.error.mask-size': '蒙版“{name}”为 {got}，而图像为 {want}；蒙版必须与图像尺寸完全一致。当前蒙版保持不变。',
  'load.error.no-image': '请先打开一张图像。',
  'load.error.unknown': '打开“{name}”时出错了。当前的工作保持不变。',
  'load.error.multiple': '一次只能编辑一张图像：已打开“{name}”。',

  'message.dismiss': '关闭',
  'message.maskLoaded': '已从“{name}”载入蒙版。',
  'message.exportFailed': '无法生成文件：{reason}',

  'localFill.error.no-image': '本地填充需要一张图像来填充；它不能根据提示词生成图像。',
  'localFill.error.mask-size': '蒙版与图像尺寸不一致，所以本地填充没有运行。你的工作保持不变。',
  'localFill.error.empty-mask': '请先涂抹要填充的区域。',
  'localFill.error.no-source': '整张图像都被涂抹了，没有可以用来填充的内容。请留出一部分不涂抹。',
  'localFill.error.failed': '本地填充意外停止了。图像和蒙版保持不变；请再试一次。',

  'embed.saved': '已发送回页面。',
  'embed.confirmCancel': '不把修改发送回页面就关闭吗？',
  'embed.discard': '放弃修改',
  'embed.keepEditing': '继续编辑',
  'embed.error.fetch': '无法获取页面中的图像（{reason}）。',

  ...zhEdit,
  ...zhResults,
  ...zhAccess,
  ...zhSelect,
  ...zhRefine,
  ...zhExtend,
};
