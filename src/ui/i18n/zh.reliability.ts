import type { Strings } from './en.ts';

type Key = 'csp.blocked' | 'openai.error.streamFailed' | 'openai.error.malformed' | 'openai.error.serverOnce' | 'openai.error.rateLimitOnce';

/**
 * Chinese strings of the reliability work (faults after an answer began, the security policy);
 * zh.ts spreads them in with the rest.
 */
export const zhReliability: Pick<Strings, Key> = {
  'csp.blocked': '此部署的安全策略不允许连接 {host}。请使用为它配置的接口，或请编辑器的管理员把 {host} 加入 config.json 的 csp.connect_src。',
  'openai.error.streamFailed': '图像传输途中服务出错（“{message}”）。由于可能已经计费，没有自动重试；请再发送一次以取得图像。',
  'openai.error.malformed': '无法读取 {host} 的响应（不是有效的 JSON）。由于可能已经计费，没有自动重试；请再发送一次以取得图像。',
  'openai.error.serverOnce': '服务出错（{status}），并要求不要重试。请稍后再发送一次。',
  'openai.error.rateLimitOnce': '已达到速率限制（429），服务要求不要重试。请等一分钟后再发送。',
};
