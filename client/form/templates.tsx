/**
 * rjsf templates following the Digital Agency design system's form patterns: label, hint and
 * error above the control, groups of choices as fieldset + legend, one error per field linked
 * with aria-describedby, and list items with a visible heading and a labelled remove button.
 */
import {
  descriptionId,
  errorId,
  getUiOptions,
  type ArrayFieldItemButtonsTemplateProps,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type FieldTemplateProps,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  type TemplatesType,
} from '@rjsf/utils';
import { useEffect, useRef } from 'react';
import { isAttachmentQuestion } from '../../shared/forms/attachments.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { useI18n } from '../i18n.tsx';
import { BaseInputTemplate, FieldAria } from './widgets.tsx';

function isChoiceGroup(props: FieldTemplateProps): boolean {
  const widget = getUiOptions(props.uiSchema).widget;
  return widget === 'radio' || widget === 'checkboxes' || props.schema.type === 'boolean' || props.schema.format === 'date';
}

function FieldTemplate(props: FieldTemplateProps) {
  const { t } = useI18n();
  const { id, label, children, rawErrors, rawDescription, hidden, required, schema } = props;
  if (hidden) return <div hidden>{children}</div>;
  // Attachment questions render their own legend, hint and errors (AttachmentField).
  if (isAttachmentQuestion(schema as SchemaNode)) return <>{children}</>;
  const isGroup = schema.type === 'object' || (schema.type === 'array' && getUiOptions(props.uiSchema).widget !== 'checkboxes');
  if (isGroup) return <div className="field-group">{children}</div>;
  const error = rawErrors?.[0];
  // An answer from the resident's verified sign-in (x-prefill): read-only, badged, and said so to screen readers.
  const verified = getUiOptions(props.uiSchema).verified === true;
  const heading = (
    <>
      {label}
      {required && <span className="tag-required">{t('required')}</span>}
      {verified && <span className="tag tag--info">{t('verifiedBadge')}</span>}
    </>
  );
  // Every katakana answer tells residents with a name in another script how to write it (from the format).
  const katakana = schema.format === 'jp-katakana' && !verified;
  const hint =
    rawDescription || verified || katakana ? (
      <p id={descriptionId(id)} className="field-hint">
        {rawDescription}
        {katakana && <span className="katakana-note">{t('katakanaNote')}</span>}
        {verified && <span className="verified-note">{t('verifiedNote')}</span>}
      </p>
    ) : null;
  const errorText = error ? (
    <p id={errorId(id)} className="field-error">
      <span className="visually-hidden">{t('errorPrefix')}</span>
      {error}
    </p>
  ) : null;
  const className = `field${error ? ' field--error' : ''}`;
  const described = [hint && descriptionId(id), error && errorId(id)].filter(Boolean).join(' ') || undefined;
  if (isChoiceGroup(props)) {
    return (
      <div className={className}>
        <fieldset className="choice-group" aria-describedby={described}>
          <legend className="field-label">{heading}</legend>
          {hint}
          {errorText}
          {/* The fieldset carries the hint and error; its inputs only say they are invalid. */}
          <FieldAria.Provider value={{ describedBy: undefined, invalid: Boolean(error) }}>{children}</FieldAria.Provider>
        </fieldset>
      </div>
    );
  }
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {heading}
      </label>
      {hint}
      {errorText}
      <FieldAria.Provider value={{ describedBy: described, invalid: Boolean(error) }}>{children}</FieldAria.Provider>
    </div>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { t } = useI18n();
  const { title, description, properties, fieldPathId } = props;
  const path = fieldPathId.path;
  const last = path.at(-1);
  // The root, and the step's own object whose title is the page's h1.
  if (path.length <= 1) {
    return (
      <div className="step-fields" id={fieldPathId.$id}>
        {description && <p className="lead">{description}</p>}
        {properties.map((p) => p.content)}
      </div>
    );
  }
  // Items of a list are numbered: 「お子さん（2件目）」.
  const heading = typeof last === 'number' ? t('itemN', { label: title, n: last + 1 }) : title;
  return (
    <fieldset className="group-fieldset" id={fieldPathId.$id}>
      {heading && (
        <legend className="group-legend">
          <h3>{heading}</h3>
        </legend>
      )}
      {description && <p className="field-hint">{description}</p>}
      {properties.map((p) => p.content)}
    </fieldset>
  );
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { t } = useI18n();
  const { title, items, canAdd, onAddClick, fieldPathId, schema, rawErrors } = props;
  const error = rawErrors?.[0];
  const list = useRef<HTMLDivElement>(null);
  // After 「追加する」 the new item's first answer has the focus (a keyboard or screen-reader user is taken to it).
  const added = useRef<number | null>(null);
  const count = items?.length ?? 0;
  useEffect(() => {
    if (added.current === null || count <= added.current) return;
    added.current = null;
    const last = list.current?.querySelector<HTMLElement>(':scope > .list-item:last-child');
    last?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, [count]);
  return (
    <fieldset className={`list-fieldset${error ? ' field--error' : ''}`} id={fieldPathId.$id}>
      <legend className="group-legend">
        <h3>{title}</h3>
      </legend>
      {schema.description && <p className="field-hint">{schema.description}</p>}
      {error && (
        <p className="field-error">
          <span className="visually-hidden">{t('errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className="list-items" ref={list}>
        {items}
      </div>
      {canAdd && (
        <button
          type="button"
          className="button button--secondary"
          onClick={(e) => {
            added.current = count;
            onAddClick(e);
          }}
        >
          <span aria-hidden="true">＋ </span>
          {t('itemN', { label: title, n: (items?.length ?? 0) + 1 })} {t('addItem')}
        </button>
      )}
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar } = props;
  return (
    <div className="list-item">
      {children}
      {hasToolbar && <ArrayFieldItemButtons {...buttonsProps} />}
    </div>
  );
}

function ArrayFieldItemButtons(props: ArrayFieldItemButtonsTemplateProps) {
  const { t } = useI18n();
  if (!props.hasRemove) return null;
  return (
    <button type="button" className="button button--link-danger" onClick={props.onRemoveItem} disabled={props.disabled || props.readonly}>
      {t('removeItem')}
      <span className="visually-hidden">{t('removeItemN', { n: props.index + 1 })}</span>
    </button>
  );
}

function NoButton(_props: IconButtonProps) {
  return null;
}

export const templates: Partial<TemplatesType> = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate: ArrayFieldItemButtons,
  BaseInputTemplate,
  ButtonTemplates: {
    SubmitButton: () => null,
    AddButton: NoButton,
    CopyButton: NoButton,
    MoveDownButton: NoButton,
    MoveUpButton: NoButton,
    RemoveButton: NoButton,
    ClearButton: NoButton,
  },
};
