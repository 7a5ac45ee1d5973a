using ManifestLint.Cli;

return CliApp.Run(args, CliConsole.FromProcess());
