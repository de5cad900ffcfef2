import { createElement } from 'react';
import type { NodeCategory, PortType } from '@flowpress/shared';
import {
  IconArrowsSplit,
  IconBook2,
  IconBolt,
  IconBox,
  IconBraces,
  IconBrandWordpress,
  IconBrain,
  IconChecklist,
  IconClipboardCheck,
  IconDatabase,
  IconEye,
  IconFileText,
  IconFilter,
  IconForms,
  IconGhost2,
  IconGitBranch,
  IconInputSearch,
  IconLibrary,
  IconMail,
  IconMessage,
  IconPencil,
  IconPhoto,
  IconRobot,
  IconSearch,
  IconSend,
  IconSparkles,
  IconTemplate,
  IconTextCaption,
  IconUserCheck,
  IconVariable,
  IconWand,
  IconWebhook,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';

/** Tabler icon names the catalog may send (`icon`), mapped to components; unknown names fall back per category. */
const ICONS: Record<string, Icon> = {
  'arrows-split': IconArrowsSplit,
  'arrows-split-2': IconArrowsSplit,
  book: IconBook2,
  'book-2': IconBook2,
  bolt: IconBolt,
  box: IconBox,
  braces: IconBraces,
  'brand-wordpress': IconBrandWordpress,
  brain: IconBrain,
  checklist: IconChecklist,
  'clipboard-check': IconClipboardCheck,
  database: IconDatabase,
  'database-search': IconDatabase,
  eye: IconEye,
  'file-text': IconFileText,
  filter: IconFilter,
  forms: IconForms,
  form: IconForms,
  ghost: IconGhost2,
  'git-branch': IconGitBranch,
  'input-search': IconInputSearch,
  library: IconLibrary,
  mail: IconMail,
  message: IconMessage,
  'message-chatbot': IconMessage,
  pencil: IconPencil,
  photo: IconPhoto,
  image: IconPhoto,
  robot: IconRobot,
  search: IconSearch,
  send: IconSend,
  sparkles: IconSparkles,
  template: IconTemplate,
  'text-caption': IconTextCaption,
  'user-check': IconUserCheck,
  variable: IconVariable,
  wand: IconWand,
  webhook: IconWebhook,
  world: IconWorld,
  'world-upload': IconWorld,
};

export interface CategoryMeta {
  label: string;
  color: string;
  icon: Icon;
  description: string;
}

export const CATEGORY_ORDER: NodeCategory[] = [
  'inputs',
  'generate',
  'knowledge',
  'review',
  'publish',
  'logic',
];

export const CATEGORY_META: Record<NodeCategory, CategoryMeta> = {
  inputs: {
    label: 'Inputs',
    color: 'indigo',
    icon: IconForms,
    description: 'What a run starts from',
  },
  generate: {
    label: 'Generate',
    color: 'violet',
    icon: IconSparkles,
    description: 'Text and images from models',
  },
  knowledge: {
    label: 'Knowledge',
    color: 'teal',
    icon: IconDatabase,
    description: 'Facts from your documents',
  },
  review: {
    label: 'Review',
    color: 'orange',
    icon: IconUserCheck,
    description: 'A person approves or edits',
  },
  publish: {
    label: 'Publish',
    color: 'pink',
    icon: IconSend,
    description: 'Send the result somewhere',
  },
  logic: { label: 'Logic', color: 'gray', icon: IconGitBranch, description: 'Branch and assemble' },
};

export function iconFor(name: string | undefined, category: NodeCategory | undefined): Icon {
  const byName = name ? ICONS[name.replace(/^Icon/, '').toLowerCase()] : undefined;
  return byName ?? (category ? CATEGORY_META[category].icon : IconBox);
}

export function NodeIcon({
  name,
  category,
  size = 18,
}: {
  name?: string;
  category?: NodeCategory;
  size?: number;
}) {
  return createElement(iconFor(name, category), { size, stroke: 1.8 });
}

export const PORT_LABEL: Record<PortType, string> = {
  text: 'Text',
  json: 'Data (JSON)',
  documents: 'Documents',
  images: 'Images',
  any: 'Anything',
};

export function portColor(type: PortType): string {
  return `var(--fp-port-${type})`;
}
