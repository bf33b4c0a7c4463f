import { MapiError } from '../errors/MapiError.js';
import { MapiUnknown, type CallInterceptor } from '../props/MapiUnknown.js';
import type { IUnknown } from '../props/interfaces.js';
import type { GUID } from '../props/guid.js';
import type { IMAPIFolder, IMessage } from '../store/interfaces.js';
import { IID_IMAPIForm } from '../generated/guids.js';
import { MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../generated/scodes.js';
import { E_UNEXPECTED, SAVEOPTS_PROMPTSAVE, SAVEOPTS_SAVEIFDIRTY } from './constants.js';
import type { MapiFormInfo } from './FormInfo.js';
import type { IMAPIForm } from './types.js';

/** What a form object shows. */
export interface FormSite {
  readonly message: IMessage | null;
  readonly folder: IMAPIFolder | null;
  readonly viewContext: IUnknown | null;
}

function isUnknownOrNull(x: unknown): x is IUnknown | null {
  return x === null || (typeof x === 'object' && x !== undefined);
}

/**
 * A form object (IMAPIForm) of an installed form: DoVerb runs the form's JavaScript handler
 * for the verbs its description lists. There is no window: the positions and parent windows
 * callers pass are accepted and ignored.
 * @see imapiformiunknown.md
 */
export class MapiForm extends MapiUnknown implements IMAPIForm {
  readonly interfaceName = 'IMAPIForm';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIForm];
  private viewContext: IUnknown | null;
  private shutDown = false;

  constructor(
    private readonly formInfo: MapiFormInfo,
    private readonly site: FormSite,
    interceptor: CallInterceptor | null,
  ) {
    super();
    this.viewContext = site.viewContext;
    this.interceptor = interceptor;
  }

  // imapiform-shutdownform.md: "After these actions have been completed, the only valid methods on the form object ... are those from the IUnknown interface."
  private live(method: string): void {
    if (this.shutDown) throw new MapiError(MAPI_E_INVALID_OBJECT, `IMAPIForm.${method}: the form has been shut down`);
  }

  setViewContext(pViewContext: IUnknown | null): Promise<void> {
    return this.invoke('setViewContext', [pViewContext], () => {
      this.live('setViewContext');
      if (!isUnknownOrNull(pViewContext)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setViewContext: pViewContext must be a view context object or null');
      this.viewContext = pViewContext;
    });
  }

  getViewContext(): Promise<IUnknown | null> {
    return this.invoke('getViewContext', [], () => {
      this.live('getViewContext');
      return this.viewContext;
    });
  }

  shutdownForm(ulSaveOptions: number): Promise<void> {
    return this.invoke('shutdownForm', [ulSaveOptions], async () => {
      if (!Number.isInteger(ulSaveOptions) || ulSaveOptions < SAVEOPTS_SAVEIFDIRTY || ulSaveOptions > SAVEOPTS_PROMPTSAVE) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'shutdownForm: ulSaveOptions must be SAVEOPTS_SAVEIFDIRTY, SAVEOPTS_NOSAVE or SAVEOPTS_PROMPTSAVE');
      }
      // imapiform-shutdownform.md: "return E_UNEXPECTED if it has" already been called.
      if (this.shutDown) throw new MapiError(E_UNEXPECTED, 'shutdownForm: the form was already shut down');
      this.shutDown = true;
      this.viewContext = null;
      await this.formInfo.form.handler?.shutdown?.(ulSaveOptions);
    });
  }

  doVerb(iVerb: number, lpViewContext: IUnknown | null, hwndParent: number, lprcPosRect: unknown): Promise<void> {
    return this.invoke('doVerb', [iVerb, lpViewContext, hwndParent, lprcPosRect], async () => {
      this.live('doVerb');
      if (!Number.isInteger(iVerb)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'doVerb: iVerb must be a verb number');
      if (!isUnknownOrNull(lpViewContext)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'doVerb: lpViewContext must be a view context object or null');
      const form = this.formInfo.form;
      // imapiform-doverb.md: "If an unknown verb number was passed in, return MAPI_E_NO_SUPPORT."
      if (!form.verbs.some((v) => v.lVerb === (iVerb | 0))) {
        throw new MapiError(MAPI_E_NO_SUPPORT, `doVerb: the form ${form.description.messageClass} has no verb ${iVerb}`);
      }
      const run = form.handler?.doVerb;
      if (!run) throw new MapiError(MAPI_E_NO_SUPPORT, `doVerb: the form ${form.description.messageClass} has no handler for its verbs`);
      // "If the form viewer specifies a view context in the lpViewContext parameter, use it ... instead of the view context passed in an earlier call."
      await run.call(form.handler, {
        verb: iVerb | 0,
        message: this.site.message,
        folder: this.site.folder,
        viewContext: lpViewContext ?? this.viewContext,
        formInfo: this.formInfo,
      });
    });
  }

  /** Form notifications (IMAPIViewAdviseSink) report user-interface events; there are none: MAPI_E_NO_SUPPORT. @see imapiform-advise.md */
  advise(pAdvise: IUnknown): Promise<number> {
    return this.invoke('advise', [pAdvise], () => {
      this.live('advise');
      throw new MapiError(MAPI_E_NO_SUPPORT, 'advise: form notifications report user-interface events, which the emulator does not have');
    });
  }

  /** @see imapiform-unadvise.md */
  unadvise(ulConnection: number): Promise<void> {
    return this.invoke('unadvise', [ulConnection], () => {
      this.live('unadvise');
      throw new MapiError(MAPI_E_NO_SUPPORT, 'unadvise: form notifications are not supported (advise never registers)');
    });
  }
}
