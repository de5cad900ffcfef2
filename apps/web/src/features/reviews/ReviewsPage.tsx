import { Button } from '@mantine/core';
import { IconChecklist, IconDownload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { QueueFilters } from './queue/QueueFilters';
import { ReviewQueueList } from './queue/ReviewQueueList';
import { useReviewQueue } from './queue/useReviewQueue';
import type { QueueParams } from './queueParams';

function emptyText(q: QueueParams): { title: string; description: string } {
  if (q.status === 'pending') {
    return {
      title: q.who === 'me' ? 'Nothing waiting for you' : 'Nothing waiting for review',
      description:
        'When a workflow reaches a review step, its draft waits here until someone approves it, edits it or sends it back. New drafts appear the moment they arrive.',
    };
  }
  return {
    title: 'No reviews here yet',
    description:
      'Decided reviews stay here as a record: who decided, when, with which edits and comments.',
  };
}

/** `/reviews`: the queue of drafts waiting for a decision, and the history of decided ones. */
export function ReviewsPage() {
  const queue = useReviewQueue();
  const { q } = queue;
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Drafts waiting for a person to approve, edit or send back — and every decision made."
        actions={
          queue.mayExport ? (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={queue.exportFeedback}
              loading={queue.exporting}
              title="One line per decision: prompt, draft, final text, action and comment (JSONL)"
            >
              Download feedback
            </Button>
          ) : null
        }
      />
      <QueueFilters value={q} onChange={queue.change} />
      <QueryState
        query={queue.reviews}
        what="Reviews"
        skeletonHeight={220}
        empty={{
          ...emptyText(q),
          icon: <IconChecklist size={28} />,
          testId: 'reviews-empty',
          action: (
            <Button component={Link} to="/workflows" variant="default">
              Go to workflows
            </Button>
          ),
        }}
      >
        {(list) => <ReviewQueueList list={list} queue={queue} />}
      </QueryState>
    </>
  );
}
