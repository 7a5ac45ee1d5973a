namespace ManifestLint.Core.Output.Sarif;

/// <summary>
/// What GitHub code scanning accepts in one upload. Over these limits it rejects the whole file, so the
/// writer keeps the most severe results instead and says so in a notification.
/// </summary>
/// <param name="MaxResults">Results per run (GitHub: 25,000; it shows the top 5,000 by severity).</param>
/// <param name="MaxCompressedBytes">
/// Size of the gzip-compressed file (GitHub: 10 MB). Compressors differ a little, so the writer aims below it.
/// </param>
public sealed record SarifLimits(int MaxResults, long MaxCompressedBytes)
{
    public static SarifLimits GitHub { get; } = new(25_000, 10_000_000);
}
