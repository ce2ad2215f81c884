// A chain of 20 mixed changes, each recorded from "Copy JSON"; then 20 undos
// and 20 redos must walk back and forth through exactly those states.
import {
  test,
  expect,
  annotationItems,
  article,
  checkEditedExport,
  clickText,
  copyJson,
  dragSelectText,
  itemFor,
  labelButton,
  labelsDialog,
  openLabelEditor,
  openWithText,
  redoButton,
  renderedText,
  selectedPanel,
  statusBox,
  undoButton,
  editText,
  annotationList,
} from './helpers.mjs';
import { UNDO_TEXT } from './fixtures/texts.mjs';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const EDITED_TEXT = `Today. ${UNDO_TEXT}`;

test('20 mixed changes, then 20 undos and 20 redos restore every state exactly', async ({ page }) => {
  test.setTimeout(180_000);
  await openWithText(page, UNDO_TEXT, { title: 'Undo chain' });
  // Nothing to undo or redo at the start (loading the first text is not a
  // change one can undo). Soft, so that the chain below still runs.
  await expect.soft(undoButton(page), 'Undo right after the first "Annotate"').toBeDisabled();
  await expect(redoButton(page)).toBeDisabled();

  const body = page.getByRole('textbox', { name: 'Article body' });
  const closeLabels = async () => {
    await labelsDialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect(labelsDialog(page)).toHaveCount(0);
  };

  /** @type {{name: string, run: () => Promise<void>}[]} */
  const steps = [
    {
      name: 'create speaker "mayor" by drag + key 2',
      run: async () => {
        await dragSelectText(page, 'mayor');
        await page.keyboard.press('2');
        await expect(annotationItems(page)).toHaveCount(1);
      },
    },
    {
      name: 'create quote by drag + "Quote" button',
      run: async () => {
        await dragSelectText(page, 'the port will reopen');
        await labelButton(page, 'quote').click();
        await expect(annotationItems(page)).toHaveCount(2);
      },
    },
    {
      name: 'create date "Monday" by drag + key 4',
      run: async () => {
        await dragSelectText(page, 'Monday');
        await page.keyboard.press('4');
        await expect(annotationItems(page)).toHaveCount(3);
      },
    },
    {
      name: 'relabel "Monday" as claim with key 3',
      run: async () => {
        await page.keyboard.press('3');
        await expect(statusBox(page)).toContainText('Relabelled as claim.');
      },
    },
    {
      name: 'select the quote in the list, extend its end with Alt+Shift+ArrowRight',
      run: async () => {
        await annotationList(page).getByRole('button', { name: 'quote the port will reopen' }).click();
        await page.keyboard.press('Alt+Shift+ArrowRight');
        await expect(statusBox(page)).toContainText('Resized: the port will reopen on');
      },
    },
    {
      name: 'extend its start with Alt+ArrowLeft',
      run: async () => {
        await page.keyboard.press('Alt+ArrowLeft');
        await expect(statusBox(page)).toContainText('Resized: said the port will reopen on');
      },
    },
    {
      name: 'save a note with "Save note"',
      run: async () => {
        await selectedPanel(page).getByRole('textbox', { name: 'Note' }).click();
        await page.keyboard.type('Check the date');
        await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
        await expect(annotationItems(page).nth(1)).toContainText('Note: Check the date');
      },
    },
    {
      name: 'create claim "port" (second line) by drag + key 3',
      run: async () => {
        await dragSelectText(page, 'port', { nth: 1 });
        await page.keyboard.press('3');
        await expect(annotationItems(page)).toHaveCount(4);
      },
    },
    {
      name: 'annotate all occurrences of "port"',
      run: async () => {
        await selectedPanel(page).getByRole('button', { name: 'Annotate all occurrences' }).click();
        await expect(statusBox(page)).toContainText('Annotated 2 more occurrences.');
        await expect(annotationItems(page)).toHaveCount(6);
      },
    },
    {
      name: 'delete the selected "port" with the Delete key',
      run: async () => {
        await expect(selectedPanel(page)).toContainText('port');
        await page.keyboard.press('Delete');
        await expect(annotationItems(page)).toHaveCount(5);
      },
    },
    {
      name: 'delete "Monday" with the list\'s Delete button',
      run: async () => {
        await itemFor(page, 'claim', 'Monday').getByRole('button', { name: 'Delete', exact: true }).click();
        await expect(annotationItems(page)).toHaveCount(4);
      },
    },
    {
      name: 'rename "speaker" to "official" in the label editor',
      run: async () => {
        const dialog = await openLabelEditor(page);
        await dialog.getByRole('textbox', { name: 'Name of speaker' }).fill('official');
        await dialog.getByRole('button', { name: 'Save speaker' }).click();
        await expect(dialog.getByRole('textbox', { name: 'Name of official' })).toHaveValue('official');
        await closeLabels();
        await expect(annotationItems(page).first()).toContainText('official');
      },
    },
    {
      name: 'recolour "claim"',
      run: async () => {
        const dialog = await openLabelEditor(page);
        await dialog.getByLabel('Colour of claim').fill('#ffd6a5');
        await dialog.getByRole('button', { name: 'Save claim' }).click();
        await expect(dialog.getByRole('alert')).toHaveText('');
        await closeLabels();
        await expect(statusBox(page)).toContainText('Labels');
      },
    },
    {
      name: 'add a label "topic" with key 5',
      run: async () => {
        const dialog = await openLabelEditor(page);
        await dialog.getByRole('textbox', { name: 'New label name' }).fill('topic');
        await dialog.getByLabel('New label colour').fill('#c7f9cc');
        await dialog.getByRole('textbox', { name: 'New label key' }).fill('5');
        await dialog.getByRole('button', { name: 'Add label' }).click();
        await expect(dialog.getByRole('textbox', { name: 'Name of topic' })).toHaveValue('topic');
        await closeLabels();
        await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Topic (5)' })).toBeVisible();
      },
    },
    {
      name: 'create topic "Critics" by drag + key 5',
      run: async () => {
        await dragSelectText(page, 'Critics');
        await page.keyboard.press('5');
        await expect(annotationItems(page)).toHaveCount(5);
        await expect(itemFor(page, 'topic', 'Critics')).toHaveCount(1);
      },
    },
    {
      name: 'relabel it as "official" with the label button',
      run: async () => {
        await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Official (2)' }).click();
        await expect(statusBox(page)).toContainText('Relabelled as official.');
      },
    },
    {
      name: 'save a note with Ctrl+Enter',
      run: async () => {
        await selectedPanel(page).getByRole('textbox', { name: 'Note' }).click();
        await page.keyboard.type('Named in the report');
        await page.keyboard.press('Control+Enter');
        await expect(itemFor(page, 'official', 'Critics')).toContainText('Note: Named in the report');
      },
    },
    {
      name: 'click "Critics", extend its end with Alt+Shift+ArrowRight',
      run: async () => {
        await clickText(page, 'Critics');
        await expect(body).toBeFocused();
        await expect(selectedPanel(page)).toContainText('Critics');
        await page.keyboard.press('Alt+Shift+ArrowRight');
        await expect(statusBox(page)).toContainText('Resized: Critics said');
      },
    },
    {
      name: 'delete it with "Delete annotation"',
      run: async () => {
        await selectedPanel(page).getByRole('button', { name: 'Delete annotation' }).click();
        await expect(annotationItems(page)).toHaveCount(4);
      },
    },
    {
      name: 'replace the text via "Edit text"',
      run: async () => {
        await editText(page);
        const box = page.getByRole('textbox', { name: 'Article text' });
        await expect(box).toHaveValue(UNDO_TEXT);
        await box.click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('Today. ');
        await expect(box).toHaveValue(EDITED_TEXT);
        await page.getByRole('button', { name: 'Annotate', exact: true }).click();
        await expect(page.getByRole('alertdialog')).toHaveCount(0);
        await expect(article(page)).toBeVisible();
        expect(await renderedText(page)).toBe(EDITED_TEXT);
        await expect(annotationItems(page)).toHaveCount(4);
      },
    },
  ];
  expect(steps).toHaveLength(20);

  const states = [await copyJson(page)];
  await checkEditedExport(states[0]);
  expect(states[0].annotations).toEqual([]);
  for (const [i, step] of steps.entries()) {
    await test.step(`${i + 1}. ${step.name}`, async () => {
      await step.run();
      const json = await copyJson(page);
      await checkEditedExport(json);
      expect(json, `step ${i + 1} changed nothing`).not.toEqual(states[i]);
      states.push(json);
      await expect(undoButton(page)).toBeEnabled();
      await expect(redoButton(page)).toBeDisabled();
    });
  }

  // Spot checks of the recorded states, so that the chain did what it says.
  const last = states[20];
  expect(last.document.text).toBe(EDITED_TEXT);
  expect(last.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['quote', 'official', 'claim', 'date', 'topic']));
  expect(last.labels.find((l) => l.name === 'claim').color).toBe('#FFD6A5');
  expect(last.labels.find((l) => l.name === 'topic')).toEqual({ name: 'topic', color: '#C7F9CC', key: '5' });
  expect(last.annotations.map((a) => [a.label, a.text])).toEqual([
    ['official', 'mayor'],
    ['quote', 'said the port will reopen on'],
    ['claim', 'port'],
    ['claim', 'port'],
  ]);
  expect(last.annotations[1].note).toBe('Check the date');
  const shift = 'Today. '.length;
  expect(last.annotations.map((a) => a.start)).toEqual(states[19].annotations.map((a) => a.start + shift));
  expect(states[9].annotations.filter((a) => a.label === 'claim' && a.text === 'port')).toHaveLength(3);

  // Undo 20 times with Ctrl+Z: each state comes back exactly.
  for (let i = 19; i >= 0; i -= 1) {
    await test.step(`undo to state ${i}`, async () => {
      await page.keyboard.press('Control+Z');
      await expect(statusBox(page)).toContainText('Undid');
      const json = await copyJson(page);
      expect(json, `after undoing step ${i + 1} (${steps[i].name})`).toEqual(states[i]);
    });
  }
  await expect.soft(undoButton(page), 'Undo after undoing all 20 steps').toBeDisabled();
  await expect(redoButton(page)).toBeEnabled();
  await expect(annotationItems(page)).toHaveCount(0);
  expect(await renderedText(page)).toBe(UNDO_TEXT);

  // Redo 20 times, with Ctrl+Y and Ctrl+Shift+Z in turn.
  for (let i = 1; i <= 20; i += 1) {
    await test.step(`redo to state ${i}`, async () => {
      await page.keyboard.press(i % 2 ? 'Control+Y' : 'Control+Shift+Z');
      await expect(statusBox(page)).toContainText('Redid');
      const json = await copyJson(page);
      expect(json, `after redoing step ${i} (${steps[i - 1].name})`).toEqual(states[i]);
    });
  }
  await expect(redoButton(page)).toBeDisabled();
  await expect(undoButton(page)).toBeEnabled();
  expect(await renderedText(page)).toBe(EDITED_TEXT);

  // The toolbar buttons do the same.
  await undoButton(page).click();
  await expect(statusBox(page)).toContainText('Undid');
  expect(await copyJson(page)).toEqual(states[19]);
  await redoButton(page).click();
  await expect(statusBox(page)).toContainText('Redid');
  expect(await copyJson(page)).toEqual(states[20]);
  await expect(redoButton(page)).toBeDisabled();

  // A new change after an undo clears the redo history.
  await undoButton(page).click();
  await expect(redoButton(page)).toBeEnabled();
  await dragSelectText(page, 'costly');
  await page.keyboard.press('4');
  await expect(annotationItems(page)).toHaveCount(5);
  await expect(redoButton(page)).toBeDisabled();
  const after = await copyJson(page);
  await checkEditedExport(after);
  // State 19 (before the text replacement) plus the new date.
  expect(after.document.text).toBe(UNDO_TEXT);
  expect(after.labels).toEqual(states[19].labels);
  const added = after.annotations.filter((a) => !states[19].annotations.some((b) => b.id === a.id));
  expect(added.map((a) => [a.label, a.text])).toEqual([['date', 'costly']]);
  expect(after.annotations.filter((a) => a !== added[0])).toEqual(states[19].annotations);
});
