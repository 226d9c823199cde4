/**
 * @journeycraft/ui: the design kit shared by the web app and the canvas. Tokens (CSS custom
 * properties in tokens.css), the kit's classes (kit.css), and React controls: Button, Field with
 * Input / TextArea / Select / FileInput, Check, Segmented, ErrorLine, Dialog, DialogActions,
 * ConfirmDialog, Toast, and `useRunWithError`.
 * React only: no Yjs, no network.
 */
import './tokens.css';
import './kit.css';

export { Button, buttonClass } from './Button.js';
export type { ButtonProps, ButtonVariant, ButtonSize } from './Button.js';
export { Field, Input, TextArea, Select, Check, FileInput } from './Field.js';
export { Segmented } from './Segmented.js';
export type { SelectOption, ControlProps } from './Field.js';
export { ErrorLine } from './ErrorLine.js';
export { Dialog, DialogActions, ConfirmDialog } from './Dialog.js';
export { Toast, ToastRegion } from './Toast.js';
export type { ToastAction } from './Toast.js';
export { useRunWithError, errorMessage } from './useRunWithError.js';
export type { RunWithError } from './useRunWithError.js';
export { deleteQuestion, countPhrase, listPhrase } from './words.js';
export type { CountOf } from './words.js';
