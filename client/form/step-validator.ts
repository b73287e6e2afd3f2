/**
 * rjsf's validator interface, implemented over the precompiled validator of the whole form.
 * Each step renders one top-level property; validating a step validates all answers with the
 * root validator (the one the server uses) and keeps the errors that belong to this step, with
 * the same Japanese/English messages the server would return.
 */
import {
  ErrorSchemaBuilder,
  type ErrorSchema,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';
import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
import { describeErrors, stepKeyOf, type AjvLikeError, type FieldError } from '../../shared/forms/messages.ts';
import { hostileInput } from '../../shared/forms/hostile-input.ts';
import { dateBoundProblems, japanToday } from '../../shared/forms/date-bounds.ts';
import { pointerSegments } from '../../shared/forms/schema-walk.ts';
import type { Lang, SchemaNode } from '../../shared/forms/types.ts';

type Answers = Record<string, unknown>;

/** Loads the precompiled validator module for a definition version (a same-origin ES module). */
export async function loadRootValidator(validatorUrl: string, schema: SchemaNode): Promise<ValidatorType> {
  const module = (await import(/* @vite-ignore */ validatorUrl)) as { default: ValidatorFunctions };
  return createPrecompiledValidator(module.default, schema as RJSFSchema);
}

/** rjsf's element id for a data pointer: root_mother_name, root_children_list_0_name. */
export function fieldId(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

/**
 * Every problem with the answers, as the server would report it: text no form should hold
 * (control, invisible or broken characters, pasted in) first, then the definition's rules, then
 * dates outside their bounds.
 */
export function validateAll(inner: ValidatorType, root: SchemaNode, answers: Answers): FieldError[] {
  const hostile = hostileInput(answers);
  const { errors } = inner.rawValidation<AjvLikeError>(root as RJSFSchema, answers);
  const described = describeErrors(root, errors ?? []);
  const taken = (e: FieldError, earlier: readonly FieldError[]) => earlier.some((h) => h.pointer === e.pointer);
  const schemaErrors = [...hostile, ...described.filter((e) => !taken(e, hostile))];
  // Dates outside their bounds (x-date), judged on today in Japan, as the server does.
  const dates = dateBoundProblems(root, answers, japanToday(new Date())).filter((e) => !taken(e, schemaErrors));
  return [...schemaErrors, ...dates];
}

export class StepValidator implements ValidatorType<Answers> {
  constructor(
    private readonly inner: ValidatorType,
    private readonly root: SchemaNode,
    private readonly stepKey: string,
    private readonly allAnswers: () => Answers,
    private readonly lang: Lang,
  ) {}

  validateFormData(formData: Answers | undefined): ValidationData<Answers> {
    const merged = { ...this.allAnswers(), ...(formData ?? {}) };
    const fieldErrors = validateAll(this.inner, this.root, merged).filter((e) => stepKeyOf(e.pointer) === this.stepKey);
    const builder = new ErrorSchemaBuilder<Answers>();
    const errors: RJSFValidationError[] = fieldErrors.map((e) => {
      const path = pointerSegments(e.pointer);
      const message = e.message[this.lang];
      builder.addErrors(message, path);
      return { name: e.keyword, property: `.${path.join('.')}`, message, stack: message, params: {}, schemaPath: e.pointer };
    });
    return { errors, errorSchema: builder.ErrorSchema as ErrorSchema<Answers> };
  }

  isValid(schema: RJSFSchema, formData: unknown): boolean {
    return this.inner.isValid(schema, formData, this.root as RJSFSchema);
  }

  rawValidation<Result = unknown>(_schema: RJSFSchema, formData?: unknown) {
    return this.inner.rawValidation<Result>(this.root as RJSFSchema, formData);
  }
}
