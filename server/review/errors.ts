import { AppError, Errors } from '../errors.ts';

export const ReviewErrors = {
  notFound: () => new AppError(404, 'SUBMISSION_NOT_FOUND', { ja: 'この申請は見つかりませんでした。', en: 'There is no such submission in your department.' }),
  invalidTransition: (refs: string[], from: string[], to: string) =>
    new AppError(409, 'INVALID_TRANSITION', {
      ja: `現在の状態（${from.join('・')}）からは、この状態に変更できません：${refs.join('、')}`,
      en: `Cannot change ${refs.join(', ')} from ${from.join('/')} to ${to}.`,
    }),
  reasonRequired: () =>
    Errors.validation([{ pointer: '/reason', keyword: 'required', message: { ja: '理由を入力してください（申請者に表示されます）。', en: 'Enter the reason (the resident will see it).' } }]),
  textRequired: () =>
    Errors.validation([{ pointer: '/text', keyword: 'required', message: { ja: '内容を入力してください（2000文字以内）。', en: 'Enter the text (up to 2,000 characters).' } }]),
  reassignNeedsSupervisor: () =>
    new AppError(403, 'FORBIDDEN', { ja: '担当者の変更は、係長（supervisor）が行います。', en: 'Only a supervisor can reassign a submission.' }),
  badAssignee: () => Errors.validation([{ pointer: '/assigneeId', keyword: 'enum', message: { ja: '同じ課の職員を選んでください。', en: 'Choose a colleague in your department.' } }]),
};
