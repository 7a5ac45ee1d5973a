using ManifestLint.Core.Baseline;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Engine;

/// <summary>
/// Where a diagnostic points. <see cref="Path"/> is what users see (relative to the run's base directory,
/// with forward slashes); <see cref="HelmSource"/> names the chart template a rendered document came from.
/// </summary>
public sealed record Location(string Path, TextSpan Span, string? HelmSource = null)
{
    public override string ToString() => $"{Path}:{Span.Start.Line}:{Span.Start.Column}";
}

public sealed record RelatedLocation(Location Location, string Message);

/// <summary>The Kubernetes object a diagnostic is about (SARIF logicalLocations, JUnit test cases).</summary>
public sealed record ResourceReference(string Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}

/// <summary>Why a diagnostic does not count: an inline comment or a resource annotation.</summary>
public sealed record Suppression(string Kind, string? Justification);

public sealed record Diagnostic(
    RuleDescriptor Rule,
    Severity Severity,
    string Message,
    Location Location,
    IReadOnlyList<RelatedLocation> RelatedLocations,
    ResourceReference? Resource = null,
    string? Help = null,
    Suppression? Suppression = null,
    BaselineState? Baseline = null)
{
    public string Id => Rule.Id;

    public bool IsSuppressed => Suppression is not null;

    /// <summary>Recorded in the baseline the run was compared with: still reported, but it does not count.</summary>
    public bool IsBaselined => Baseline == BaselineState.Unchanged;
}
