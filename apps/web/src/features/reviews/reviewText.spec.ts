import type { UserView } from '@flowpress/shared';
import {
  assigneeLabel,
  dueInfo,
  mayRequestChanges,
  revisionsLeft,
  reviewTitle,
  roundLabel,
} from './reviewText';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const me: UserView = {
  id: 'u1',
  email: 'Rita@acme.test',
  name: 'Rita',
  role: 'reviewer',
  createdAt: '2026-01-01T00:00:00Z',
};

describe('review wording', () => {
  it('titles a draft by its first heading, first line, or the kind of content', () => {
    expect(reviewTitle({ content: { text: 'Intro line\n\n## The **real** title\nBody' } })).toBe(
      'The real title',
    );
    expect(reviewTitle({ content: { text: '  \nJust *one* paragraph of text.' } })).toBe(
      'Just one paragraph of text.',
    );
    expect(reviewTitle({ content: { text: 'x'.repeat(200) } })).toHaveLength(90);
    expect(reviewTitle({ content: { images: [{ assetId: 'a' }, { assetId: 'b' }] } })).toBe(
      '2 images to review',
    );
    expect(reviewTitle({ content: { json: { a: 1 } } })).toBe('Structured data to review');
    expect(reviewTitle({ content: {} })).toBe('Draft to review');
  });

  it('counts rounds as revisions and knows when only approve or reject remain', () => {
    expect(roundLabel(1, 3)).toBe('First draft');
    expect(roundLabel(3, 3)).toBe('Revision 2 of 3');
    expect(mayRequestChanges({ round: 3, maxRevisions: 3 })).toBe(true);
    expect(revisionsLeft({ round: 3, maxRevisions: 3 })).toBe(1);
    expect(mayRequestChanges({ round: 4, maxRevisions: 3 })).toBe(false);
    expect(revisionsLeft({ round: 4, maxRevisions: 3 })).toBe(0);
    expect(mayRequestChanges({ round: 1, maxRevisions: 0 })).toBe(false);
  });

  it('shows the SLA as time left or overdue', () => {
    expect(dueInfo(null, NOW)).toBeNull();
    expect(dueInfo('2026-03-01T15:00:00Z', NOW)).toEqual({ label: 'Due in 3 h', tone: 'later' });
    expect(dueInfo('2026-03-01T12:20:00Z', NOW)).toEqual({ label: 'Due in 20 min', tone: 'soon' });
    expect(dueInfo('2026-03-01T10:00:00Z', NOW)).toEqual({
      label: 'Overdue by 2 h',
      tone: 'overdue',
    });
    expect(dueInfo('2026-03-05T12:00:00Z', NOW)?.label).toBe('Due in 4 days');
  });

  it('names the assignee for people', () => {
    expect(assigneeLabel(null, me)).toBe('Anyone who reviews');
    expect(assigneeLabel('u1', me)).toBe('You');
    expect(assigneeLabel('rita@acme.test', me)).toBe('You');
    expect(assigneeLabel('editor', me)).toBe('Editors');
    expect(assigneeLabel('someone@acme.test', me)).toBe('someone@acme.test');
  });
});
