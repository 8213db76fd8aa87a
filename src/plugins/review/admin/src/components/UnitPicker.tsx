import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useMemo } from 'react';

import type { QueueOptions } from '../api/types';

type Unit = QueueOptions['units'][number];

/** The units in tree order (each parent before its children), with their depth. */
export function treeOrder(units: Unit[]): Array<Unit & { depth: number }> {
  const children = new Map<number | null, Unit[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const result: Array<Unit & { depth: number }> = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      result.push({ ...unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

/**
 * Picks a unit of the reviewer's subtree; the queue then shows the models of
 * that unit and every unit below it. Indented by depth, searchable by name.
 */
export const UnitPicker = ({ units, value, onChange }: { units: Unit[]; value: string | undefined; onChange: (value: string) => void }) => {
  const ordered = useMemo(() => treeOrder(units), [units]);
  return (
    <Field.Root width="100%" hint="Gồm cả các đơn vị trực thuộc đơn vị được chọn.">
      <Field.Label>Đơn vị (cả cây đơn vị trực thuộc)</Field.Label>
      <Combobox
        value={value ?? ''}
        placeholder="Tất cả đơn vị trong phạm vi"
        onChange={(next?: string) => onChange(next ?? '')}
        onClear={() => onChange('')}
        clearLabel="Bỏ lọc đơn vị"
        noOptionsMessage={() => 'Không có đơn vị phù hợp'}
      >
        {ordered.map((unit) => (
          <ComboboxOption key={unit.id} value={String(unit.id)} textValue={unit.name}>
            {`${'\u2003'.repeat(unit.depth)}${unit.depth > 0 ? '└ ' : ''}${unit.name}`}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
    </Field.Root>
  );
};
