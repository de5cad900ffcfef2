import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useRunStream } from '../../realtime/useRunStream';
import { Canvas } from './canvas/Canvas';
import { useEditorShortcuts } from './canvas/useEditorShortcuts';
import { EditorHeader } from './EditorHeader';
import { VersionsDrawer } from './history/VersionsDrawer';
import { Inspector } from './inspector/Inspector';
import { LeaveGuardModal } from './LeaveGuardModal';
import { Palette } from './palette/Palette';
import { inputFieldsOf, recallInputs } from './run/inputFields';
import { RunInputsModal } from './run/RunInputsModal';
import { RunPanel } from './run/RunPanel';
import { useRunWorkflow } from './run/useRunWorkflow';
import { ShortcutsModal } from './ShortcutsModal';
import { useEditorStore } from './state/editorStore';
import { setEditorUi, useEditorUi } from './state/editorUi';
import { useEditorFile } from './useEditorFile';
import { useSaveWorkflow } from './useSaveWorkflow';
import { useUnsavedGuard } from './useUnsavedGuard';
import classes from './EditorPage.module.css';

export function EditorLayout({ workflowId }: { workflowId: string }) {
  const { save, saving } = useSaveWorkflow();
  const { run, launch, starting } = useRunWorkflow(save);
  const { exportFile, importFile } = useEditorFile();
  const dirty = useEditorStore((s) => s.dirty);
  const activeRunId = useEditorStore((s) => s.activeRunId);
  const runInputsOpen = useEditorUi((s) => s.runInputsOpen);
  const blocker = useUnsavedGuard(dirty);
  const [, setParams] = useSearchParams();

  useRunStream(activeRunId);
  useEditorShortcuts({ save: () => void save(), run: () => void run() });

  // Keep `?run=` in the address so a run view can be reloaded or shared.
  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (activeRunId) next.set('run', activeRunId);
        else next.delete('run');
        return next;
      },
      { replace: true },
    );
  }, [activeRunId, setParams]);

  return (
    <div className={classes.root}>
      <EditorHeader
        onSave={() => void save()}
        onRun={() => void run()}
        onExport={exportFile}
        onImport={(f) => void importFile(f)}
        saving={saving}
        starting={starting}
      />
      <div className={classes.body}>
        <aside className={classes.palette}>
          <Palette />
        </aside>
        <main className={classes.center}>
          <div className={classes.canvas}>
            <Canvas />
          </div>
          <RunPanel onRun={() => void run()} onRerun={launch} starting={starting} />
        </main>
        <aside className={classes.inspector}>
          <Inspector />
        </aside>
      </div>
      {runInputsOpen ? (
        <RunInputsModal
          opened
          fields={inputFieldsOf(useEditorStore.getState().nodes)}
          initial={recallInputs(workflowId)}
          loading={starting}
          onClose={() => setEditorUi({ runInputsOpen: false })}
          onStart={launch}
        />
      ) : null}
      <VersionsDrawer workflowId={workflowId} />
      <ShortcutsModal />
      <LeaveGuardModal
        blocker={blocker}
        saving={saving}
        onSaveAndLeave={() =>
          void save().then((ok) => {
            if (ok) blocker.proceed?.();
          })
        }
      />
    </div>
  );
}
