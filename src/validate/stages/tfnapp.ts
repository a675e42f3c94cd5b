import { posix } from 'node:path';
import { appFor, type Stage } from '../context.js';
import { error, type Finding } from '../findings.js';
import { bindArguments, methodFacts, seenByMethodsInfo, topmost } from '../python/decorations.js';
import { pythonRepr } from '../python/values.js';

/** validate_tfnapp: a TransformationsApplicationBase whose @transformation methods have a name, a description and an edit dialog under static/. */
export const validateTfnApp: Stage = (context) => {
  const cls = appFor(context, 'tfnapp')?.cls;
  if (!cls) return { findings: [] };
  const { project } = context;
  if (project.isSubclass(cls, 'connect.eaas.core.extension.TransformationsApplicationBase') === false) {
    return {
      findings: [
        error('T1', `${cls.name}, the transformations application, must extend TransformationsApplicationBase from connect.eaas.core.extension.`, {
          file: cls.module.parsed.path,
          line: cls.line,
        }),
      ],
      stop: true,
    };
  }
  const findings: Finding[] = [];
  const staticFolder = posix.join(posix.dirname(cls.module.parsed.path), 'static');
  for (const method of methodFacts(project, cls).filter(seenByMethodsInfo)) {
    const declared = topmost(method, 'transformation');
    const module = method.owner.module;
    if (!declared) {
      const manual = topmost(method, 'manual_transformation');
      if (manual) {
        findings.push(
          error('T6', `${method.name} is marked @manual_transformation without @transformation(name, description, edit_dialog_ui); connect-eaas-core's validator fails outright on it.`, {
            file: module.parsed.path,
            line: manual.decorator.line,
          }),
        );
      }
      continue;
    }
    const at = { file: module.parsed.path, line: declared.decorator.line };
    const args = bindArguments(declared.decorator, ['name', 'description', 'edit_dialog_ui']);
    if (!args) continue;
    const value = (key: string) => {
      const node = args.get(key);
      return node ? project.evaluate(module, node) : undefined;
    };
    const name = value('name');
    if (name && name.kind !== 'unknown' && (name.kind !== 'str' || name.value === '')) {
      findings.push(error('T2', `The name of the transformation ${method.name} must be a non-empty string.`, at));
    }
    const description = value('description');
    if (description && description.kind !== 'unknown' && (description.kind !== 'str' || description.value === '')) {
      findings.push(error('T3', `The description of the transformation ${method.name} must be a non-empty string.`, at));
    }
    const dialog = value('edit_dialog_ui');
    if (!dialog || dialog.kind === 'unknown') continue;
    if (dialog.kind !== 'str' || !dialog.value.startsWith('/static/')) {
      findings.push(error('T4', `The edit_dialog_ui of the transformation ${method.name} must be a path starting with /static/; got ${pythonRepr(dialog)}.`, at));
      continue;
    }
    const path = posix.normalize(posix.join(staticFolder, dialog.value.slice('/static/'.length)));
    if (!path.startsWith('..') && !context.source.exists(path)) {
      findings.push(error('T5', `The edit dialog ${dialog.value} of the transformation ${method.name} points to ${path}, which does not exist.`, at));
    }
  }
  return { findings };
};
