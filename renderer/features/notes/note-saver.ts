// Autosave for a note being written: every change is saved through notes.saveDraft a moment after
// typing pauses (500 ms, and at least every 2 s while typing goes on), at once when a field loses
// focus, and at once when the window is hidden or closed. The first save creates the note. Saves go
// one at a time, in order; a failed save is retried with a growing pause until it gets through.
import type { FieldIssue } from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import type { SaveState } from '../../ui/save-status.tsx';
import { checkDraft, toDraftInput, type NoteValues } from './note-values.ts';

export const DEBOUNCE_MS = 500;
export const MAX_WAIT_MS = 2000;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;

export interface NoteSaverOptions {
  clientId: string;
  noteId: string | null;
  savedAt: string | null;
  onState: (state: SaveState) => void;
}

/** What the saver asks of the editor; replaced on every render, so it always reads the latest. */
export interface NoteSaverHandlers {
  read: () => NoteValues;
  onCreated: (noteId: string) => void;
  /** main (or the contract's schema, checked first) refused a field: show it on the field. */
  onInvalid: (issues: readonly FieldIssue[]) => void;
  /** The note is no longer an editable draft (signed meanwhile, or gone). */
  onClosed: (code: 'LOCKED' | 'NOT_FOUND') => void;
}

export class NoteSaver {
  private readonly options: NoteSaverOptions;
  private handlers: NoteSaverHandlers | null = null;
  private noteIdValue: string | null;
  private state: SaveState;
  /** Something typed has not been sent yet. */
  private dirty = false;
  /** The last send was refused for a field; wait for the next change before trying again. */
  private blocked = false;
  private stopped = false;
  private lastFailed = false;
  private inFlight: Promise<void> | null = null;
  private debounceTimer: number | null = null;
  private maxWaitTimer: number | null = null;
  private retryTimer: number | null = null;
  private retryMs = RETRY_FIRST_MS;

  constructor(options: NoteSaverOptions) {
    this.options = options;
    this.noteIdValue = options.noteId;
    this.state = options.savedAt ? { kind: 'saved', savedAt: options.savedAt } : { kind: 'idle' };
  }

  /** The editor's latest callbacks (called after every render). */
  connect(handlers: NoteSaverHandlers): void {
    this.handlers = handlers;
  }

  get noteId(): string | null {
    return this.noteIdValue;
  }

  get current(): SaveState {
    return this.state;
  }

  private set(state: SaveState): void {
    this.state = state;
    this.options.onState(state);
  }

  private clearTimers(): void {
    for (const timer of [this.debounceTimer, this.maxWaitTimer, this.retryTimer])
      if (timer !== null) window.clearTimeout(timer);
    this.debounceTimer = null;
    this.maxWaitTimer = null;
    this.retryTimer = null;
  }

  /** A field changed. */
  change(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.blocked = false;
    if (this.retryTimer !== null) {
      window.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    // Set once per burst of typing, not per keystroke: the editor re-renders on every state.
    if (this.state.kind === 'idle' || this.state.kind === 'saved' || this.state.kind === 'failed')
      this.set({ kind: 'pending' });
    if (this.debounceTimer !== null) window.clearTimeout(this.debounceTimer);
    this.debounceTimer = window.setTimeout(() => {
      this.save();
    }, DEBOUNCE_MS);
    this.maxWaitTimer ??= window.setTimeout(() => {
      this.save();
    }, MAX_WAIT_MS);
  }

  /** Saves now if something is waiting (a field lost focus, the session is about to lock). */
  flush(): void {
    if (this.dirty && !this.blocked) this.save();
  }

  private readValues(): NoteValues {
    if (!this.handlers) throw new Error('The note saver has no editor to read from.');
    return this.handlers.read();
  }

  private input() {
    return toDraftInput(this.readValues(), this.options.clientId, this.noteIdValue);
  }

  private save(): void {
    this.clearTimers();
    if (this.stopped || !this.dirty || this.blocked) return;
    // One save at a time, in order: what is typed meanwhile goes when this one is answered.
    if (this.inFlight) return;
    const input = this.input();
    const issues = checkDraft(input);
    if (issues.length > 0) {
      this.refuse(issues);
      return;
    }
    this.dirty = false;
    this.set({ kind: 'saving' });
    this.inFlight = call('notes.saveDraft', input)
      .then(
        (saved) => {
          this.lastFailed = false;
          this.retryMs = RETRY_FIRST_MS;
          if (this.noteIdValue === null) {
            this.noteIdValue = saved.noteId;
            this.handlers?.onCreated(saved.noteId);
          }
          if (!this.stopped)
            this.set(this.dirty ? { kind: 'pending' } : { kind: 'saved', savedAt: saved.savedAt });
        },
        (error: unknown) => {
          this.failed(error);
        },
      )
      .finally(() => {
        this.inFlight = null;
        if (this.dirty && !this.blocked && !this.stopped && !this.lastFailed) this.save();
      });
  }

  private refuse(issues: readonly FieldIssue[]): void {
    this.blocked = true;
    this.set({ kind: 'failed', message: 'check the highlighted field' });
    this.handlers?.onInvalid(issues);
  }

  private failed(error: unknown): void {
    this.dirty = true;
    this.lastFailed = true;
    const code = isApiError(error) ? error.code : 'INTERNAL';
    if (code === 'INVALID_INPUT') {
      this.refuse(isApiError(error) ? error.fields : []);
    } else if (code === 'LOCKED' || code === 'NOT_FOUND') {
      this.stop();
      this.set({
        kind: 'failed',
        // LOCKED: the note was signed elsewhere, or Stillwater itself is locking.
        message: code === 'LOCKED' ? 'the note is locked' : 'this draft no longer exists',
      });
      this.handlers?.onClosed(code);
    } else if (code === 'NOT_SIGNED_IN' || code === 'VAULT_LOCKED') {
      this.set({ kind: 'failed', message: 'you are signed out' });
    } else if (code !== 'INTERNAL') {
      // A refusal (not on the care team, a password to change first…): retrying will not help.
      this.stop();
      this.set({ kind: 'failed', message: isApiError(error) ? error.message : 'the note was refused' });
    } else {
      // The core did not answer (or failed unexpectedly): keep trying, more slowly each time.
      this.set({
        kind: 'retrying',
        message: isApiError(error) ? error.message : 'Stillwater could not save the note.',
      });
      this.retryTimer = window.setTimeout(() => {
        this.retryTimer = null;
        this.lastFailed = false;
        this.save();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    }
  }

  /**
   * The window is being hidden (`unloading` false) or closed (true): send what is waiting now. While
   * the window lives, a save already on its way is simply followed by this one, in order. When it
   * is closing, this page may not live to send anything after, so the save goes at once, beside the
   * one on its way (the harness bridge and Electron's IPC both deliver a message sent during
   * unload). If the note's very first save is the one on its way, this creates a second draft rather
   * than lose the words: a duplicate draft can be discarded, lost text cannot be recovered.
   */
  leave(unloading: boolean): void {
    if (this.stopped || this.blocked || !this.dirty) return;
    if (!this.inFlight) {
      this.save();
      return;
    }
    if (!unloading) return;
    const input = this.input();
    if (checkDraft(input).length > 0) return;
    this.clearTimers();
    this.dirty = false;
    void call('notes.saveDraft', input).then(
      (saved) => {
        this.noteIdValue ??= saved.noteId;
      },
      (error: unknown) => {
        this.failed(error);
      },
    );
  }

  /** Saves what is waiting and waits for it: true when everything typed is in main (before signing). */
  async settle(): Promise<boolean> {
    this.flush();
    while (this.inFlight) {
      await this.inFlight;
      if (this.dirty && !this.blocked && !this.stopped && !this.lastFailed) this.save();
    }
    return !this.dirty && !this.lastFailed && this.noteIdValue !== null;
  }

  /** No more saves (signed, discarded, or closed by main). */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
  }
}
