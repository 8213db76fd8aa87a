/**
 * The decision buttons of a model: only the actions the server allows now
 * (the detail endpoint's `actions`), labelled from the shared workflow.
 * Returning and declining ask for a reason; recognising and proposing ask
 * for confirmation. A 409 (someone else decided first) says so and reloads.
 */
import { Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';

import { ACTION_LABELS, REASON_REQUIRED, STATE_LABELS, type Action, type State } from '../../../shared/workflow';
import { errorMessage, errorStatus } from '../api/useRequest';
import { PLUGIN_ID } from '../pluginId';

const CONFIRM: ReadonlySet<Action> = new Set(['recognize', 'propose']);

const VARIANT: Partial<Record<Action, 'default' | 'secondary' | 'danger-light' | 'success' | 'tertiary'>> = {
  start_review: 'default',
  recognize: 'success',
  propose: 'default',
  return: 'secondary',
  decline: 'danger-light',
};

export const CONFLICT_MESSAGE =
  'Mô hình vừa được người khác xử lý trước bạn, nên quyết định của bạn chưa được ghi. Trang đã tải lại trạng thái mới nhất; hãy xem lại rồi quyết định.';

export const DecisionActions = ({
  documentId,
  version,
  state,
  actions,
  levelName,
  onDone,
}: {
  documentId: string;
  version: number;
  state: State;
  actions: Action[];
  levelName: string | null;
  onDone: () => void;
}) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [pending, setPending] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (action: Action) => {
    if (REASON_REQUIRED.has(action) && !reason.trim()) {
      setReasonError('Phải nêu lý do.');
      return;
    }
    setBusy(true);
    try {
      const response = await post<{ data: { state: State } }>(`/${PLUGIN_ID}/initiatives/${documentId}/decisions`, {
        action,
        version,
        reason: REASON_REQUIRED.has(action) ? reason.trim() : undefined,
      });
      toggleNotification({
        type: 'success',
        message: `Đã ${ACTION_LABELS[action].toLowerCase()}: mô hình chuyển sang “${STATE_LABELS[response.data.data.state]}”.`,
      });
      setPending(null);
      setReason('');
      onDone();
    } catch (error) {
      setPending(null);
      if (errorStatus(error) === 409) {
        toggleNotification({ type: 'warning', title: 'Xung đột', message: CONFLICT_MESSAGE, timeout: 15000 });
        onDone();
      } else {
        toggleNotification({ type: 'danger', message: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const open = (action: Action) => {
    setReason('');
    setReasonError(undefined);
    if (REASON_REQUIRED.has(action) || CONFIRM.has(action)) setPending(action);
    else void run(action);
  };

  if (actions.length === 0) {
    return (
      <Typography textColor="neutral600">
        Bạn không có quyết định nào cần đưa ra với mô hình ở trạng thái “{STATE_LABELS[state]}”.
      </Typography>
    );
  }

  return (
    <>
      <Flex gap={2} wrap="wrap">
        {actions.map((action) => (
          <Button key={action} variant={VARIANT[action] ?? 'secondary'} onClick={() => open(action)} loading={busy && pending === null}>
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Flex>
      <Dialog.Root open={pending !== null} onOpenChange={(isOpen: boolean) => (!isOpen ? setPending(null) : undefined)}>
        {pending ? (
          <Dialog.Content>
            <Dialog.Header>{ACTION_LABELS[pending]}</Dialog.Header>
            <Dialog.Body icon={<WarningCircle fill={REASON_REQUIRED.has(pending) ? 'danger600' : 'primary600'} />}>
              <Flex direction="column" alignItems="stretch" gap={4} width="100%">
                <Typography textAlign="center">
                  {pending === 'recognize'
                    ? `Công nhận mô hình ở ${levelName ?? 'cấp hiện tại'}? Quyết định được ghi vào lịch sử xét duyệt.`
                    : pending === 'propose'
                      ? 'Đề nghị cấp trên xét công nhận mô hình này? Hồ sơ sẽ chuyển lên cấp trên.'
                      : pending === 'return'
                        ? 'Trả lại để đơn vị bổ sung. Đơn vị sẽ thấy lý do dưới đây.'
                        : 'Không công nhận mô hình. Đơn vị sẽ thấy lý do dưới đây.'}
                </Typography>
                {REASON_REQUIRED.has(pending) ? (
                  <Field.Root name="reason" required error={reasonError}>
                    <Field.Label>Lý do</Field.Label>
                    <Textarea
                      value={reason}
                      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
                        setReason(event.target.value);
                        setReasonError(undefined);
                      }}
                    />
                    <Field.Error />
                  </Field.Root>
                ) : null}
              </Flex>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">Hủy</Button>
              </Dialog.Cancel>
              <Button variant={REASON_REQUIRED.has(pending) ? 'danger' : 'default'} loading={busy} onClick={() => void run(pending)}>
                {`Xác nhận: ${ACTION_LABELS[pending]}`}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        ) : null}
      </Dialog.Root>
    </>
  );
};
