import * as React from 'react';

import { CKEditor } from '@ckeditor/ckeditor5-react';
import { Box, Button, Field, Flex, Modal, TextInput } from '@strapi/design-system';
import { useField, useStrapiApp } from '@strapi/strapi/admin';
import type { ClassicEditor as ClassicEditorType } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';
import { useIntl } from 'react-intl';

import { ClassicEditor, editorConfig, figureCaption } from './editor-config';
import { EditorStyles } from './styles';

/** What Strapi's media library dialog hands back for each chosen file. */
type Asset = { url: string; alternativeText?: string | null; caption?: string | null; name?: string; mime?: string };

type MediaLibraryDialogProps = {
  allowedTypes: string[];
  multiple?: boolean;
  onClose: () => void;
  onSelectAssets: (assets: Asset[]) => void;
};

type InputProps = {
  name: string;
  label: string;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
  placeholder?: string;
};

type PendingImage = { url: string; alt: string; caption: string; credit: string };

/** Inserts a captioned image block (figure + figcaption) at the selection. */
function insertFigure(editor: ClassicEditorType, image: PendingImage, creditPrefix: string) {
  const caption = figureCaption(image.caption, image.credit, creditPrefix);
  editor.model.change((writer) => {
    const element = writer.createElement('imageBlock', { src: image.url, alt: image.alt });
    if (caption) {
      const captionElement = writer.createElement('caption');
      writer.insertText(caption, captionElement);
      writer.append(captionElement, element);
    }
    editor.model.insertObject(element, null, null, { setSelection: 'on' });
  });
}

const t = (id: string) => ({ id: `rich-html.${id}`, defaultMessage: id });

/**
 * The article body's input (custom field `global::rich-html`): CKEditor 5 on
 * the field's HTML, with a toolbar button that opens Strapi's media library;
 * each chosen photo is inserted with its caption and the photographer's credit.
 */
export function RichHtmlInput({ name, label, hint, required, disabled, labelAction, placeholder }: InputProps) {
  const { formatMessage } = useIntl();
  const field = useField<string>(name);
  const components = useStrapiApp('RichHtmlInput', (state) => state.components);
  const MediaLibraryDialog = components['media-library'] as React.ComponentType<MediaLibraryDialogProps> | undefined;
  const editorRef = React.useRef<ClassicEditorType | null>(null);
  const [libraryOpen, setLibraryOpen] = React.useState(false);
  const [pending, setPending] = React.useState<PendingImage[]>([]);
  const creditPrefix = formatMessage(t('credit-prefix'));

  const config = React.useMemo(
    () =>
      editorConfig(
        () => setLibraryOpen(true),
        {
          media: formatMessage(t('media')),
          paragraph: formatMessage(t('paragraph')),
          heading2: formatMessage(t('heading2')),
          heading3: formatMessage(t('heading3')),
          heading4: formatMessage(t('heading4')),
        },
        placeholder
      ),
    // The editor is configured once; labels do not change while it lives.
    []
  );

  const onSelectAssets = (assets: Asset[]) => {
    setLibraryOpen(false);
    const images = assets.filter((asset) => !asset.mime || asset.mime.startsWith('image/'));
    setPending(images.map((asset) => ({ url: asset.url, alt: asset.alternativeText ?? '', caption: asset.caption ?? '', credit: '' })));
  };

  const confirmImages = () => {
    if (editorRef.current) for (const image of pending) insertFigure(editorRef.current, image, creditPrefix);
    setPending([]);
  };

  const updatePending = (index: number, key: keyof PendingImage, value: string) =>
    setPending((current) => current.map((image, i) => (i === index ? { ...image, [key]: value } : image)));

  return (
    <Field.Root name={name} id={name} error={field.error} hint={hint} required={required}>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Field.Label action={labelAction}>{label}</Field.Label>
        <EditorStyles data-testid="rich-html-editor">
          <CKEditor
            editor={ClassicEditor}
            config={config}
            data={field.value ?? ''}
            disabled={disabled}
            onReady={(editor) => {
              editorRef.current = editor;
            }}
            onChange={(_event, editor) => {
              const data = editor.getData();
              if (data !== (field.value ?? '')) field.onChange(name, data);
            }}
          />
        </EditorStyles>
        <Field.Hint />
        <Field.Error />
      </Flex>
      {libraryOpen && MediaLibraryDialog ? (
        <MediaLibraryDialog allowedTypes={['images']} multiple onClose={() => setLibraryOpen(false)} onSelectAssets={onSelectAssets} />
      ) : null}
      <Modal.Root open={pending.length > 0} onOpenChange={(open) => (open ? undefined : setPending([]))}>
        <Modal.Content>
          <Modal.Header closeLabel={formatMessage(t('cancel'))}>
            <Modal.Title>{formatMessage(t('caption-dialog.title'))}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {pending.map((image, index) => (
                <Flex key={`${image.url}-${index}`} gap={4} alignItems="flex-start">
                  <Box width="120px" shrink={0}>
                    <img src={image.url} alt={image.alt} style={{ maxWidth: '120px', maxHeight: '90px', objectFit: 'cover' }} />
                  </Box>
                  <Flex direction="column" alignItems="stretch" gap={2} grow={1}>
                    <Field.Root name={`caption-${index}`}>
                      <Field.Label>{formatMessage(t('caption'))}</Field.Label>
                      <TextInput value={image.caption} onChange={(e: React.ChangeEvent<HTMLInputElement>) => updatePending(index, 'caption', e.target.value)} />
                    </Field.Root>
                    <Field.Root name={`credit-${index}`} hint={formatMessage(t('credit.hint'))}>
                      <Field.Label>{formatMessage(t('credit'))}</Field.Label>
                      <TextInput value={image.credit} onChange={(e: React.ChangeEvent<HTMLInputElement>) => updatePending(index, 'credit', e.target.value)} />
                      <Field.Hint />
                    </Field.Root>
                    <Field.Root name={`alt-${index}`}>
                      <Field.Label>{formatMessage(t('alt'))}</Field.Label>
                      <TextInput value={image.alt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => updatePending(index, 'alt', e.target.value)} />
                    </Field.Root>
                  </Flex>
                </Flex>
              ))}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{formatMessage(t('cancel'))}</Button>
            </Modal.Close>
            <Button onClick={confirmImages}>{formatMessage(t('insert'))}</Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Field.Root>
  );
}

export default RichHtmlInput;
