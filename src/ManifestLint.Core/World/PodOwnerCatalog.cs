using System.Reflection;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.World;

/// <summary>
/// The well-known custom resources whose operators create pods (PodOwners.yaml, embedded), read once. Kept as data, in
/// the same shape as <c>podTemplateOwners</c> in .manifestlint.yaml, so adding an operator is a line, not code.
/// </summary>
public static class PodOwnerCatalog
{
    private static readonly Lazy<IReadOnlyList<PodTemplateOwner>> LazyOwners = new(Load);

    /// <summary>Every pod owner the run knows without configuration: the built-in kinds, then the catalogue.</summary>
    public static IReadOnlyList<PodTemplateOwner> WellKnown => LazyOwners.Value;

    private static IReadOnlyList<PodTemplateOwner> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ManifestLint.Core.World.PodOwners.yaml")
            ?? throw new InvalidOperationException("PodOwners.yaml is not embedded");
        using var reader = new StreamReader(stream);
        var parsed = YamlStreamReader.Read(reader.ReadToEnd());
        if (parsed.Problems.Count > 0 || parsed.Documents.FirstOrDefault()?.Root is not Yaml.SequenceNode entries)
        {
            throw new InvalidOperationException($"PodOwners.yaml is invalid: {parsed.Problems.FirstOrDefault()?.Message}");
        }

        var owners = new List<PodTemplateOwner>(PodTemplateOwner.BuiltIn);
        foreach (var entry in entries.Items)
        {
            owners.Add(PodOwnerDeclaration.Read(entry, out var problem)
                ?? throw new InvalidOperationException($"PodOwners.yaml({problem!.Value.At.Line}): {problem.Value.Message}"));
        }

        return owners;
    }
}
