// ExcelJS reads and writes files only in its Node-only methods (readFile, writeFile), never used here.
export default {};
