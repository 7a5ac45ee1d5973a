namespace ManifestLint.Cli;

/// <summary>The command line asks for something impossible; the tool exits with <see cref="ExitCodes.UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
