/**
 * The article editor: CKEditor 5, self-hosted from npm (GPL licence key, no
 * cloud service). Only structure is kept — headings, emphasis, lists, links,
 * tables, captioned images, quotes; no fonts, colours or sizes, so text pasted
 * from Word keeps its structure (PasteFromOffice) and loses its styles (the
 * editor drops whatever no loaded feature represents).
 */
import {
  Autoformat,
  AutoLink,
  BlockQuote,
  Bold,
  ButtonView,
  ClassicEditor,
  Essentials,
  Heading,
  HorizontalLine,
  IconImage,
  Image,
  ImageCaption,
  ImageStyle,
  ImageTextAlternative,
  ImageToolbar,
  Italic,
  Link,
  List,
  Paragraph,
  PasteFromOffice,
  Plugin,
  RemoveFormat,
  Strikethrough,
  Subscript,
  Superscript,
  Table,
  TableToolbar,
  Underline,
  type EditorConfig,
} from 'ckeditor5';
import vi from 'ckeditor5/translations/vi.js';

export { ClassicEditor };

/** What the toolbar's media button calls: the React side opens Strapi's media library. */
export type MediaLibraryOpener = () => void;

declare module 'ckeditor5' {
  interface EditorConfig {
    strapiMediaLibrary?: { open: MediaLibraryOpener; label: string };
  }
}

/** A toolbar button that opens Strapi's media library dialog. */
class StrapiMediaLibrary extends Plugin {
  static get pluginName() {
    return 'StrapiMediaLibrary' as const;
  }

  init(): void {
    const editor = this.editor;
    const options = editor.config.get('strapiMediaLibrary');
    editor.ui.componentFactory.add('strapiMediaLibrary', (locale) => {
      const button = new ButtonView(locale);
      button.set({ label: options?.label ?? 'Media', icon: IconImage, tooltip: true });
      button.on('execute', () => options?.open());
      return button;
    });
  }
}

export type EditorLabels = { media: string; paragraph: string; heading2: string; heading3: string; heading4: string };

export function editorConfig(open: MediaLibraryOpener, labels: EditorLabels, placeholder?: string): EditorConfig {
  return {
    licenseKey: 'GPL',
    language: 'vi',
    translations: [vi],
    placeholder,
    plugins: [
      Essentials,
      Paragraph,
      Heading,
      Bold,
      Italic,
      Underline,
      Strikethrough,
      Subscript,
      Superscript,
      RemoveFormat,
      Link,
      AutoLink,
      List,
      BlockQuote,
      HorizontalLine,
      Table,
      TableToolbar,
      Image,
      ImageCaption,
      ImageStyle,
      ImageToolbar,
      ImageTextAlternative,
      PasteFromOffice,
      Autoformat,
      StrapiMediaLibrary,
    ],
    toolbar: {
      items: [
        'undo',
        'redo',
        '|',
        'heading',
        '|',
        'bold',
        'italic',
        'underline',
        'strikethrough',
        'removeFormat',
        '|',
        'link',
        'bulletedList',
        'numberedList',
        'blockQuote',
        '|',
        'strapiMediaLibrary',
        'insertTable',
        'horizontalLine',
      ],
      shouldNotGroupWhenFull: false,
    },
    heading: {
      options: [
        { model: 'paragraph', title: labels.paragraph, class: 'ck-heading_paragraph' },
        { model: 'heading2', view: 'h2', title: labels.heading2, class: 'ck-heading_heading2' },
        { model: 'heading3', view: 'h3', title: labels.heading3, class: 'ck-heading_heading3' },
        { model: 'heading4', view: 'h4', title: labels.heading4, class: 'ck-heading_heading4' },
      ],
    },
    link: { defaultProtocol: 'https://', allowedProtocols: ['https?', 'mailto', 'tel'] },
    image: {
      toolbar: ['toggleImageCaption', 'imageTextAlternative', '|', 'imageStyle:block', 'imageStyle:side'],
    },
    table: { contentToolbar: ['tableColumn', 'tableRow', 'mergeTableCells'] },
    strapiMediaLibrary: { open, label: labels.media },
  };
}

/** The caption under an inserted photo: its caption, then "Ảnh: <credit>" as the news sites print it. */
export function figureCaption(caption: string, credit: string, creditPrefix: string): string {
  const parts = [caption.trim(), credit.trim() ? `${creditPrefix} ${credit.trim()}` : ''].filter(Boolean);
  return parts.join(' — ');
}
