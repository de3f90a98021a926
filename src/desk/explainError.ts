/**
 * A library error as the office reads it in the desk: the commands' messages are English (the CLI's), so the desk
 * puts a Chinese explanation of the kind of problem (by the error's exit code) before the message, which is kept
 * word for word after 原文 (it names the file, line and what to do). Messages the desk wrote itself, in Chinese, pass
 * unchanged. One function, used wherever a library error reaches a page: the error page, a failed build, the preview.
 */
import { ExitCode, type UserError } from '../UserError.js';

const explanations: Record<number, string> = {
  [ExitCode.usage]: '请求的写法不对',
  [ExitCode.input]: '源文件（issue.yaml、文章、模板、稿件或校样）有问题：按原文所说的文件和行改好后再试',
  [ExitCode.font]: '字体缺失、读不出或缺字：按原文所说补上字体，或改掉那个字',
  [ExitCode.browser]: 'Chromium 没能启动、中途退出，或分页出错：再试一次，反复出现请检查内存并报告',
  [ExitCode.timeout]: '超时：原文说明停在哪一步；请再试，或请管理员加大 --timeout',
  [ExitCode.check]: '检查没有通过，什么也没有写入：见原文',
  [ExitCode.interrupted]: '被中断（编辑部正在关闭），什么也没有写入',
};

/** Quoted text and file names may be Chinese in an English message: they do not make it Chinese. */
const quotedOrFile = /“[^”]*”|"[^"]*"|‘[^’]*’|\S+\.(?:md|ya?ml|pdf|docx|png|jpe?g|tiff?|svg|css|hbs|ttf|otf|woff2?)\b\S*/g;

export function explainError(error: UserError): string {
  const english = !/\p{Script=Han}/u.test(error.message.replace(quotedOrFile, ''));
  const explanation = explanations[error.exitCode];
  return english && explanation ? `${explanation}。原文：${error.message}` : error.message;
}
