using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Schema;
using ManifestLint.Core.Yaml;
using ManifestLint.TestSupport;
using ManifestLint.TestSupport.Reference;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>
/// The product's schema walk gives exactly the verdicts and places that JsonSchema.Net gives on the same generated
/// document: on every fixture, the seed incidents, every real-world project, and a corpus of deterministic mutations of
/// the real-world objects (a misspelled key, a value of another type, a dropped field, a lower-cased enum value, a number
/// past its format's range).
/// </summary>
[TestClass]
public sealed class SchemaDifferentialTests
{
    public static IEnumerable<object[]> Inputs =>
    [
        ["fixtures", TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Fixtures")],
        ["seeds", TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Seeds")],
        ["samples", TestPaths.InRepository("samples")],
        .. Directory.GetDirectories(TestPaths.InShared("testdata", "real-world")).Order(StringComparer.Ordinal)
            .Select(d => new object[] { "real-world/" + Path.GetFileName(d), d }),
    ];

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Walk_agrees_with_JsonSchema_Net(string name, string directory)
    {
        var objects = BuiltInObjects(directory);
        Assert.IsNotEmpty(objects, $"{name} has no built-in object");
        var disagreements = objects.SelectMany(o => Disagreements(o.Root, o.Kind, o.Where)).ToList();
        Assert.IsEmpty(disagreements, string.Join("\n", disagreements.Take(30)));
    }

    [TestMethod]
    public void Walk_agrees_with_JsonSchema_Net_on_mutated_objects()
    {
        var objects = Directory.GetDirectories(TestPaths.InShared("testdata", "real-world")).Order(StringComparer.Ordinal).SelectMany(BuiltInObjects).ToList();
        var random = new Random(20261206);
        var disagreements = new List<string>();
        var mutated = 0;
        var invalid = 0;
        var outOfFormat = 0;
        foreach (var (root, kind, where) in objects)
        {
            for (var i = 0; i < 4; i++)
            {
                var mutation = TreeMutator.Mutate(root, random);
                mutated++;
                var violations = SchemaValidator.Validate(mutation, kind);
                invalid += violations.Count > 0 ? 1 : 0;
                outOfFormat += violations.Any(v => v.Kind == SchemaViolationKind.FormatMismatch) ? 1 : 0;
                disagreements.AddRange(Disagreements(mutation, kind, $"{where} (mutation {i})"));
            }
        }

        Assert.IsGreaterThan(1000, mutated, "the corpus is too small to mean much");
        Assert.IsGreaterThan(mutated / 3, invalid, "most mutations should make a mistake");
        Assert.IsGreaterThan(10, outOfFormat, "the corpus should hold values outside their format, so formats are compared too");
        Assert.IsEmpty(disagreements, string.Join("\n", disagreements.Take(30)));
    }

    private static IEnumerable<string> Disagreements(MappingNode root, KindSchemaInfo kind, string where)
    {
        var walk = SchemaValidator.Validate(root, kind)
            .Where(v => v.Kind != SchemaViolationKind.NamespaceOnClusterScopedKind) // scope is not in the JSON Schema
            .Select(v => new ReferenceViolation(v.Kind, v.Kind == SchemaViolationKind.MissingRequired ? v.Pointer : v.Pointer))
            .Distinct().OrderBy(v => v.Pointer, StringComparer.Ordinal).ThenBy(v => v.Kind).ToList();
        var reference = ReferenceSchemaValidator.Validate(root, kind);
        if (!walk.SequenceEqual(reference))
        {
            yield return $"{where} {kind.Kind}: walk [{string.Join(", ", walk)}] vs JsonSchema.Net [{string.Join(", ", reference)}]";
        }
    }

    private static List<(MappingNode Root, KindSchemaInfo Kind, string Where)> BuiltInObjects(string directory)
    {
        var collected = InputCollector.Collect(["."], directory, []);
        var result = new List<(MappingNode, KindSchemaInfo, string)>();
        foreach (var input in collected.Files)
        {
            var file = ManifestLoader.Load(input, new LoadOptions { BaseDirectory = directory });
            foreach (var raw in file.Objects)
            {
                if (BuiltInSchemas.Instance.Find(raw.ApiVersion, raw.Kind) is { } kind)
                {
                    result.Add((raw.Root, kind, $"{input.Source.Path}:{raw.Root.Span.Start.Line}"));
                }
            }
        }

        return result;
    }
}
