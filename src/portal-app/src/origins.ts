/**
 * How a model came about, as the form offers it: every origin the server
 * accepts, its label, and whether it names a source model. Adding an origin
 * is one entry here.
 */
export type OriginOption = {
  value: string;
  label: string;
  hint: string;
  /** `recognised`: pick a recognised model of the system as the source. */
  source: 'none' | 'recognised';
};

export const ORIGINS: readonly OriginOption[] = [
  { value: 'new', label: 'Xây dựng mới', hint: 'Mô hình do đơn vị xây dựng lần đầu.', source: 'none' },
  { value: 'replicated', label: 'Nhân rộng', hint: 'Nhân rộng từ một mô hình đã được công nhận.', source: 'recognised' },
  { value: 'continuing', label: 'Duy trì', hint: 'Mô hình đã thực hiện từ năm trước, nay tiếp tục duy trì và phát huy.', source: 'none' },
];

export const originOf = (value: string | null | undefined): OriginOption => ORIGINS.find((origin) => origin.value === value) ?? ORIGINS[0];
