using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>What every output format needs besides the result itself.</summary>
public sealed record OutputContext
{
    public string ToolName { get; init; } = "ManifestLint";

    public string ToolVersion { get; init; } = "0.0.0";

    public string InformationUri { get; init; } = "https://github.com/manifestlint/manifestlint";

    /// <summary>Directory that display paths are relative to (the repository root for SARIF).</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    public bool UseColor { get; init; }

    /// <summary>SARIF automationDetails category, so several runs per commit keep apart.</summary>
    public string? Category { get; init; }

    /// <summary>Every rule that can report, for formats that list rules; defaults to the rules that ran.</summary>
    public IReadOnlyList<RuleDescriptor>? Rules { get; init; }

    /// <summary>The rule's documentation page, for SARIF help.markdown.</summary>
    public Func<string, string?> Documentation { get; init; } = _ => null;
}

public interface IOutputWriter
{
    void Write(AnalysisResult result, TextWriter output, OutputContext context);
}
