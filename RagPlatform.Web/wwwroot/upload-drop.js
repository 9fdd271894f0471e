// Files dropped anywhere on an upload zone go to its file input, whose change event the upload panel handles. The input
// covers the zone, so a drop on it would set its files natively too; handling the drop here makes the whole zone take
// files the same way, keeps a near miss from opening the file in the tab, and lets the browser tests drop files.
document.addEventListener('dragover', event => {
    if (event.target.closest?.('.dropzone')) {
        event.preventDefault();
    }
});

document.addEventListener('drop', event => {
    const input = event.target.closest?.('.dropzone')?.querySelector('input[type=file]');
    if (!input || !event.dataTransfer?.files.length) {
        return;
    }
    event.preventDefault();
    if (input.disabled) {
        return;
    }
    input.files = event.dataTransfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
});
