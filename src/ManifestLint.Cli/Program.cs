using ManifestLint.Cli;

return CliApp.Run(args, Console.Out, Console.Error, Console.OpenStandardInput);
