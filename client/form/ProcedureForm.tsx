/** The react-jsonschema-form <Form> configured for this service (templates, widgets, language). */
import Form, { type IChangeEvent } from '@rjsf/core';
import {
  englishStringTranslator,
  replaceStringParameters,
  TranslatableString,
  type RJSFValidationError,
  type ValidatorType,
} from '@rjsf/utils';
import type { ReactNode } from 'react';
import type { Lang, SchemaNode } from '../../shared/forms/types.ts';
import { templates } from './templates.tsx';
import { WarekiDateWidget } from './WarekiDateWidget.tsx';
import { AttachmentField } from './AttachmentField.tsx';
import { CheckboxesWidget, CheckboxWidget, RadioWidget, SelectWidget, TextareaWidget } from './widgets.tsx';

const JA: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.YesLabel]: 'はい',
  [TranslatableString.NoLabel]: 'いいえ',
  [TranslatableString.AddItemButton]: '追加する',
  [TranslatableString.AddButton]: '追加する',
  [TranslatableString.RemoveButton]: '削除する',
  [TranslatableString.ArrayItemTitle]: '項目',
  [TranslatableString.EmptyArray]: 'まだ入力されていません。下のボタンで追加してください。',
  [TranslatableString.ErrorsLabel]: 'エラー',
};

function translator(lang: Lang) {
  return (s: TranslatableString, params?: string[]) => {
    const ja = lang === 'ja' ? JA[s] : undefined;
    return ja ? replaceStringParameters(ja, params) : englishStringTranslator(s, params);
  };
}

const widgets = { DateWidget: WarekiDateWidget, TextareaWidget, SelectWidget, RadioWidget, CheckboxesWidget, CheckboxWidget };
const fields = { attachment: AttachmentField };

interface Props {
  schema: SchemaNode;
  uiSchema: Record<string, unknown>;
  formData: Record<string, unknown>;
  validator: ValidatorType;
  lang: Lang;
  onChange: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
  onError: (errors: RJSFValidationError[]) => void;
  children: ReactNode;
}

export function ProcedureForm(props: Props) {
  return (
    <Form
      schema={props.schema as never}
      uiSchema={props.uiSchema as never}
      formData={props.formData}
      validator={props.validator as never}
      templates={templates}
      widgets={widgets}
      fields={fields}
      translateString={translator(props.lang)}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError={false}
      idPrefix="root"
      // Never pre-select an answer (first choice, or いいえ for a yes/no question): residents answer themselves.
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never', requiredBooleanDefault: 'skip' }}
      onChange={(e: IChangeEvent) => props.onChange(e.formData as Record<string, unknown>)}
      onSubmit={(e: IChangeEvent) => props.onSubmit(e.formData as Record<string, unknown>)}
      onError={props.onError}
    >
      {props.children}
    </Form>
  );
}
