import { styled } from 'styled-components';

/** The editor inside Strapi's form: the design system's border and radius, readable headings, tables and captions. */
export const EditorStyles = styled.div`
  --ck-border-radius: ${({ theme }) => theme.borderRadius};
  --ck-color-base-border: ${({ theme }) => theme.colors.neutral200};
  --ck-color-focus-border: ${({ theme }) => theme.colors.primary600};
  --ck-font-size-base: 1.4rem;

  .ck-editor__editable_inline {
    min-height: 320px;
    max-height: 70vh;
    font-size: 1.6rem;
    line-height: 1.6;
    color: ${({ theme }) => theme.colors.neutral800};
    background: ${({ theme }) => theme.colors.neutral0};
  }
  .ck-content h2 {
    font-size: 2.2rem;
    font-weight: 600;
    margin: 1.6rem 0 0.8rem;
  }
  .ck-content h3 {
    font-size: 1.9rem;
    font-weight: 600;
    margin: 1.4rem 0 0.6rem;
  }
  .ck-content h4 {
    font-size: 1.7rem;
    font-weight: 600;
  }
  .ck-content p {
    margin: 0 0 1rem;
  }
  .ck-content ul,
  .ck-content ol {
    padding-left: 2.4rem;
    margin: 0 0 1rem;
  }
  .ck-content ul {
    list-style: disc;
  }
  .ck-content ol {
    list-style: decimal;
  }
  .ck-content strong {
    font-weight: 700;
  }
  .ck-content em {
    font-style: italic;
  }
  .ck-content a {
    color: ${({ theme }) => theme.colors.primary700};
    text-decoration: underline;
  }
`;
