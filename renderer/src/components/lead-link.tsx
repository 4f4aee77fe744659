// A lead id anywhere in the console (audit rows, problem lists): opens that lead's story.
import { useStores } from '../stores/stores';

export function LeadLink({ id }: { id: number }) {
  const { lead } = useStores();
  return (
    <button type="button" className="link mono" title={`Open lead ${id}`} onClick={() => void lead.getState().open(id)}>
      {id}
    </button>
  );
}
