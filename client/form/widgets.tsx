/**
 * The inputs of a question, linked to what is shown about it: rjsf's own widgets point
 * aria-describedby at an error, hint and help element whether or not they exist, and never set
 * aria-invalid. Here FieldTemplate says which of its hint and error are on the page (FieldAria),
 * and each input names exactly those, with aria-invalid while its error is shown. In a group of
 * choices the fieldset carries the description; its inputs only say they are invalid.
 */
import {
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  getInputProps,
  optionId,
  type BaseInputTemplateProps,
  type WidgetProps,
} from '@rjsf/utils';
import { createContext, useContext, type ChangeEvent, type FocusEvent } from 'react';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { inputModeFor } from './input-mode.ts';

export interface FieldAriaValue {
  /** The ids of the hint and error shown for this question, or undefined (a fieldset carries them). */
  describedBy: string | undefined;
  invalid: boolean;
}

export const FieldAria = createContext<FieldAriaValue>({ describedBy: undefined, invalid: false });

/** The aria attributes of an input of the current question. */
export function useFieldAria(): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const { describedBy, invalid } = useContext(FieldAria);
  return { ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(invalid ? { 'aria-invalid': true as const } : {}) };
}

/** onChange/onBlur/onFocus of a text control: an emptied box is the option's emptyValue (no answer). */
function textHandlers({ id, options, onChange, onBlur, onFocus }: Pick<WidgetProps, 'id' | 'options' | 'onChange' | 'onBlur' | 'onFocus'>) {
  return {
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange(e.target.value === '' ? options.emptyValue : e.target.value),
    onBlur: (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => onBlur(id, e.target.value),
    onFocus: (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => onFocus(id, e.target.value),
  };
}

export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onChangeOverride, options, schema, type } = props;
  const aria = useFieldAria();
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === 'number' || inputProps.type === 'integer';
  const shown: string | number = isNumber
    ? value || value === 0
      ? (value as number)
      : ''
    : value === null || value === undefined
      ? ''
      : (value as string);
  const handlers = textHandlers(props);
  return (
    <input
      id={id}
      name={htmlName || id}
      className="form-control"
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      value={shown}
      {...inputProps}
      inputMode={inputModeFor(schema as SchemaNode, options)}
      placeholder={props.placeholder}
      required={props.required}
      {...handlers}
      onChange={onChangeOverride ?? handlers.onChange}
      {...aria}
    />
  );
}

export function TextareaWidget({
  id,
  htmlName,
  options,
  placeholder,
  value,
  required,
  disabled,
  readonly,
  autofocus,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const aria = useFieldAria();
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className="form-control"
      value={typeof value === 'string' ? value : ''}
      placeholder={placeholder}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      rows={typeof options.rows === 'number' ? options.rows : undefined}
      {...textHandlers({ id, options, onChange, onBlur, onFocus })}
      {...aria}
    />
  );
}

export function SelectWidget({
  id,
  htmlName,
  options,
  schema,
  value,
  required,
  disabled,
  readonly,
  autofocus,
  placeholder,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const aria = useFieldAria();
  const choices = options.enumOptions ?? [];
  const index = choices.findIndex((o) => o.value === value);
  const decode = (v: string) => (v === '' ? options.emptyValue : choices[Number(v)]?.value);
  return (
    <select
      id={id}
      name={htmlName || id}
      className="form-control"
      value={index >= 0 ? String(index) : ''}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      onChange={(e) => onChange(decode(e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
      {...aria}
    >
      {schema.default === undefined && <option value="">{placeholder}</option>}
      {choices.map((o, i) => (
        <option key={String(o.value)} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function RadioWidget({
  id,
  htmlName,
  options,
  value,
  required,
  disabled,
  readonly,
  autofocus,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const aria = useFieldAria();
  const choices = options.enumOptions ?? [];
  return (
    <div className="field-radio-group" id={id} role="radiogroup">
      {choices.map((o, i) => (
        <div className={`radio${disabled || readonly ? ' disabled' : ''}`} key={String(o.value)}>
          <label>
            <span>
              <input
                type="radio"
                id={optionId(id, i)}
                name={htmlName || id}
                checked={enumOptionsIsSelected(o.value, value)}
                required={required}
                value={String(i)}
                disabled={disabled || readonly}
                autoFocus={autofocus && i === 0}
                onChange={() => onChange(o.value)}
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
                {...aria}
              />
              <span>{o.label}</span>
            </span>
          </label>
        </div>
      ))}
    </div>
  );
}

export function CheckboxesWidget({ id, htmlName, options, value, disabled, readonly, autofocus, onChange, onBlur, onFocus }: WidgetProps) {
  const aria = useFieldAria();
  const choices = options.enumOptions ?? [];
  const selected: unknown[] = Array.isArray(value) ? value : [];
  return (
    <div className="checkboxes" id={id}>
      {choices.map((o, i) => (
        <div className={`checkbox${disabled || readonly ? ' disabled' : ''}`} key={String(o.value)}>
          <label>
            <span>
              <input
                type="checkbox"
                id={optionId(id, i)}
                name={htmlName || id}
                checked={enumOptionsIsSelected(o.value, selected)}
                value={String(i)}
                disabled={disabled || readonly}
                autoFocus={autofocus && i === 0}
                onChange={(e) =>
                  onChange(e.target.checked ? enumOptionsSelectValue(i, selected, choices) : enumOptionsDeselectValue(i, selected, choices))
                }
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
                {...aria}
              />
              <span>{o.label}</span>
            </span>
          </label>
        </div>
      ))}
    </div>
  );
}

export function CheckboxWidget({
  id,
  htmlName,
  value,
  required,
  disabled,
  readonly,
  autofocus,
  label,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const aria = useFieldAria();
  return (
    <div className={`checkbox${disabled || readonly ? ' disabled' : ''}`}>
      <label>
        <input
          type="checkbox"
          id={id}
          name={htmlName || id}
          checked={value === true}
          required={required}
          disabled={disabled || readonly}
          autoFocus={autofocus}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={(e) => onBlur(id, e.target.checked)}
          onFocus={(e) => onFocus(id, e.target.checked)}
          {...aria}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}
