using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Baseline;

/// <summary>The outcome of comparing a run with a baseline: how many findings were new or recorded, and which recorded ones are gone.</summary>
public sealed record BaselineComparison(int New, int Unchanged, IReadOnlyList<FindingIdentity> Gone)
{
    /// <summary>
    /// The run's findings that a baseline records: not suppressed (a suppression already accounts for them), and
    /// with a hash only where two findings would otherwise have the same identity.
    /// </summary>
    public static BaselineFile Record(AnalysisResult result) =>
        new([.. Identify(result).Select(f => f.Identity)]);

    /// <summary>
    /// Marks every unsuppressed finding as new or unchanged and lists the baseline's entries that match nothing.
    /// Each entry matches at most one finding, strictest first: same file and message hash, then the same hash in
    /// another file (the file moved), then, for entries written without a hash, the same file, then any file.
    /// </summary>
    public static AnalysisResult Apply(AnalysisResult result, BaselineFile baseline)
    {
        var findings = Identify(result);
        var entries = baseline.Findings.Order(FindingIdentity.Order).ToList();
        var entryMatched = new bool[entries.Count];
        var findingMatched = new bool[findings.Count];
        var byKey = entries.Select((entry, index) => (entry, index))
            .ToLookup(x => (x.entry.Rule, x.entry.Object, x.entry.KeyPath), x => x.index);

        Func<FindingIdentity, Finding, bool>[] passes =
        [
            (entry, finding) => entry.MessageHash == finding.Hash && entry.File == finding.Identity.File,
            (entry, finding) => entry.MessageHash == finding.Hash && entry.Object is not null,
            (entry, finding) => entry.MessageHash is null && entry.File == finding.Identity.File,
            (entry, finding) => entry.MessageHash is null && entry.Object is not null,
        ];
        foreach (var pass in passes)
        {
            for (var f = 0; f < findings.Count; f++)
            {
                if (findingMatched[f])
                {
                    continue;
                }

                var identity = findings[f].Identity;
                foreach (var e in byKey[(identity.Rule, identity.Object, identity.KeyPath)])
                {
                    if (!entryMatched[e] && pass(entries[e], findings[f]))
                    {
                        (entryMatched[e], findingMatched[f]) = (true, true);
                        break;
                    }
                }
            }
        }

        var states = new Dictionary<Diagnostic, BaselineState>(ReferenceEqualityComparer.Instance);
        for (var f = 0; f < findings.Count; f++)
        {
            states[findings[f].Diagnostic] = findingMatched[f] ? BaselineState.Unchanged : BaselineState.New;
        }

        var diagnostics = result.Diagnostics
            .Select(d => states.TryGetValue(d, out var state) ? d with { Baseline = state } : d)
            .ToList();
        // An entry is gone only when this run looked for it: its rule ran and its file was read. A run over one folder,
        // or with --include, says nothing about the rest of the baseline.
        var rulesRun = result.RulesRun.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var filesRead = result.Files.Select(f => f.Source.Path).ToHashSet(StringComparer.Ordinal);
        var gone = entries.Where((entry, e) => !entryMatched[e] && rulesRun.Contains(entry.Rule) && (entry.File.Length == 0 || filesRead.Contains(entry.File))).ToList();
        var unchanged = findingMatched.Count(m => m);
        return result with
        {
            Diagnostics = diagnostics,
            Baseline = new BaselineComparison(findings.Count - unchanged, unchanged, gone),
        };
    }

    private sealed record Finding(Diagnostic Diagnostic, FindingIdentity Identity, string Hash);

    private static List<Finding> Identify(AnalysisResult result)
    {
        var resourcesByFile = result.Index.Resources.ToLookup(r => r.File.Path, StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.IsSuppressed || diagnostic.Severity == Severity.Hidden)
            {
                continue;
            }

            var start = diagnostic.Location.Span.Start;
            var container = resourcesByFile[diagnostic.Location.Path].FirstOrDefault(r => Contains(r, start));
            var reference = diagnostic.Resource ?? container?.Reference;
            var keyPath = container is null ? null : LogicalPath.Of(container.Root, start);
            var identity = new FindingIdentity(diagnostic.Location.Path, diagnostic.Id, reference?.ToString(), keyPath, null);
            findings.Add(new Finding(diagnostic, identity, FindingIdentity.HashOf(diagnostic.Message)));
        }

        // A hash only where it is needed to tell findings apart, so that rewording a message does not touch the file.
        var ambiguous = findings.GroupBy(f => f.Identity).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < findings.Count; i++)
        {
            if (ambiguous.Contains(findings[i].Identity))
            {
                findings[i] = findings[i] with { Identity = findings[i].Identity with { MessageHash = findings[i].Hash } };
            }
        }

        return findings;
    }

    private static bool Contains(Resource resource, Yaml.SourcePosition position) =>
        resource.Root.Span.Start.CompareTo(position) <= 0 && position.CompareTo(resource.Root.Span.End) <= 0;
}
