namespace ManifestLint.Core.Engine;

/// <summary>
/// Diagnostics the engine itself reports: unreadable input and analyzer failures (Roslyn's AD0001).
/// They have docs pages like any rule, and the same severity configuration and suppressions.
/// </summary>
public static class CoreRules
{
    public static readonly RuleDescriptor AnalyzerException = new(
        "ML9000", "Rule failed with an exception", "Rule {0} threw {1} while analyzing {2}: {3}",
        RuleCategories.Engine, Severity.Warning,
        Description: "A rule crashed on this resource. Other rules still ran; this rule's findings for the resource may be missing.",
        HelpText: "Report this as a ManifestLint bug, with the resource that triggers it.");

    public static readonly RuleDescriptor YamlSyntaxError = new(
        "ML9001", "YAML syntax error", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "The file is not valid YAML. Documents before the error, and after the next '---', are still analyzed.",
        HelpText: "Fix the YAML at the reported position; `kubectl apply --dry-run=client -f FILE` shows the same failure.");

    public static readonly RuleDescriptor InvalidEncoding = new(
        "ML9002", "File is not UTF-8 text", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "Kubernetes manifests must be UTF-8 (or UTF-16 with a byte order mark). Binary files and invalid byte sequences cannot be parsed.",
        HelpText: "Re-save the file as UTF-8, or exclude it with --ignore-path.");

    public static readonly RuleDescriptor DuplicateKey = new(
        "ML9003", "Duplicate mapping key", "Duplicate key '{0}': it is already defined at line {1}",
        RuleCategories.Input, Severity.Error,
        Description: "The API server's strict decoding rejects duplicate keys; lenient tools silently keep one of the values.",
        HelpText: "Remove or merge one of the two entries.");

    public static readonly RuleDescriptor DocumentNotMapping = new(
        "ML9004", "Document is not a Kubernetes object", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "A document in a manifest stream must be a mapping with apiVersion, kind and metadata.",
        HelpText: "Make the document a mapping, or wrap several objects in `kind: List` with `items:`.");

    public static readonly RuleDescriptor MissingRequiredField = new(
        "ML9005", "Manifest is missing a required field", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "An object of a Kubernetes kind (built-in, or declared by a CRD in the same file) that declares apiVersion or kind also needs the other, and a metadata.name (or metadata.generateName).",
        HelpText: "Add the missing field.");

    public static readonly RuleDescriptor FileTooLarge = new(
        "ML9006", "File exceeds the size limit", "File is {0} bytes, over the limit of {1} bytes; it was not analyzed",
        RuleCategories.Input, Severity.Error,
        Description: "Very large files are refused so that one file cannot exhaust memory. The limit is configurable.",
        HelpText: "Raise `maxFileSize` in .manifestlint.yaml (or --max-file-size), or split the file.");

    public static readonly RuleDescriptor InputLimitExceeded = new(
        "ML9007", "Document exceeds a safety limit", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "Alias expansion bombs and pathologically deep nesting are refused with a diagnostic instead of exhausting memory or the stack.",
        HelpText: "Remove the alias chain or the nesting; no real manifest needs it.");

    public static readonly RuleDescriptor UnrenderedHelmTemplate = new(
        "ML9008", "Unrendered Helm template skipped", "File looks like an unrendered Helm template ({0}); it was skipped",
        RuleCategories.Input, Severity.Info,
        Description: "Go template syntax is not YAML. Lint the rendered output instead: `helm template . | dotnet manifest-lint -`.",
        HelpText: "Run `helm template` and lint its output; diagnostics then name the chart template through its `# Source:` comments.");

    public static readonly RuleDescriptor FileUnreadable = new(
        "ML9009", "File could not be read", "{0}",
        RuleCategories.Input, Severity.Error,
        Description: "The file could not be opened or read (permissions, a broken link, a device).",
        HelpText: "Check the file's permissions, or exclude it with --ignore-path.");

    public static readonly RuleDescriptor ConfigurationProblem = new(
        "ML9010", "Configuration problem", "{0}",
        RuleCategories.Engine, Severity.Warning,
        Description: "An .editorconfig or .manifestlint.yaml entry for ManifestLint could not be understood and was ignored.",
        HelpText: "Use one of: error, warning, suggestion, silent, none, default.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        AnalyzerException, YamlSyntaxError, InvalidEncoding, DuplicateKey, DocumentNotMapping, MissingRequiredField,
        FileTooLarge, InputLimitExceeded, UnrenderedHelmTemplate, FileUnreadable, ConfigurationProblem,
    ];
}
