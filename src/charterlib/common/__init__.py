"""What every stage shares: source files and spans (`source`), located diagnostics (`diagnostics`),
the errors of the library (`errors`), "did you mean" (`suggest`), argument checks (`args`), printable
text (`text`), the sandbox of generated code (`sandbox`) and the paused collector (`gc`)."""
