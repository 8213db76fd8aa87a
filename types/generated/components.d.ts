import type { Schema, Struct } from '@strapi/strapi';

export interface InitiativeContact extends Struct.ComponentSchema {
  collectionName: 'components_initiative_contact';
  info: {
    description: 'Th\u00F4ng tin ri\u00EAng t\u01B0, kh\u00F4ng bao gi\u1EDD c\u00F4ng khai';
    displayName: 'Th\u00F4ng tin li\u00EAn h\u1EC7';
  };
  attributes: {
    address: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    email: Schema.Attribute.Email;
    phone: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
  };
}

export interface InitiativeIndicator extends Struct.ComponentSchema {
  collectionName: 'components_initiative_indicator';
  info: {
    description: 'V\u00ED d\u1EE5: h\u1ED9 tho\u00E1t ngh\u00E8o, camera l\u1EAFp \u0111\u1EB7t, m\u00B2 \u0111\u1EA5t hi\u1EBFn';
    displayName: 'Ch\u1EC9 s\u1ED1 k\u1EBFt qu\u1EA3';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    unit: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50;
      }>;
    value: Schema.Attribute.Float & Schema.Attribute.Required;
  };
}

export interface ReviewChainStep extends Struct.ComponentSchema {
  collectionName: 'components_review_chain_step';
  info: {
    description: 'M\u1ED9t c\u1EA5p trong chu\u1ED7i x\u00E9t duy\u1EC7t';
    displayName: 'B\u01B0\u1EDBc x\u00E9t duy\u1EC7t';
  };
  attributes: {
    unitKind: Schema.Attribute.Relation<'oneToOne', 'api::unit-kind.unit-kind'>;
  };
}

export interface ReviewCriterion extends Struct.ComponentSchema {
  collectionName: 'components_review_criterion';
  info: {
    description: '';
    displayName: 'Ti\u00EAu ch\u00ED';
  };
  attributes: {
    code: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    maxScore: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    required: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<true>;
    text: Schema.Attribute.Text & Schema.Attribute.Required;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seo';
  info: {
    description: '';
    displayName: 'SEO';
  };
  attributes: {
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 70;
      }>;
    shareImage: Schema.Attribute.Media<'images'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'initiative.contact': InitiativeContact;
      'initiative.indicator': InitiativeIndicator;
      'review.chain-step': ReviewChainStep;
      'review.criterion': ReviewCriterion;
      'shared.seo': SharedSeo;
    }
  }
}
