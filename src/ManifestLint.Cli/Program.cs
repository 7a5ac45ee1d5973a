using ManifestLint.Cli;

// Before any regular expression is built: CRD patterns run with a match timeout (see RegexTimeBox).
ManifestLint.Core.Schema.RegexTimeBox.Apply();
return CliApp.Run(args, CliConsole.FromProcess());
