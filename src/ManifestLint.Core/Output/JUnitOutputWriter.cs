using System.Globalization;
using System.Text;
using System.Xml;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines). One test suite per rule
/// that ran; in it one test case per resource, which fails when the rule found something there and is skipped
/// when every finding there is suppressed. The input and engine rules (ML9xxx) check files, not resources: they
/// appear only with a test case per file they reported on, instead of a passing case for every file. Times are
/// always 0 so that the same input gives the same bytes.
/// </summary>
public sealed class JUnitOutputWriter : IOutputWriter
{
    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        var diagnostics = result.Diagnostics.Where(d => d.Severity != Severity.Hidden).ToList();
        var rules = (context.Rules ?? result.RulesRun)
            .Concat(diagnostics.Select(d => d.Rule))
            .DistinctBy(r => r.Id)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var resourceSubjects = result.Index.Resources
            .Select(r => new Subject(r.Reference.ToString(), r.File.Path))
            .Distinct()
            .ToList();

        var suites = rules.Select(rule =>
        {
            var isFileRule = IsFileRule(rule);
            var findings = diagnostics.Where(d => d.Id == rule.Id).ToLookup(d => SubjectOf(d, isFileRule));
            List<Subject> known = isFileRule ? [] : resourceSubjects;
            var extra = findings.Select(g => g.Key).Except(known).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Path, StringComparer.Ordinal);
            var cases = known.Concat(extra).Select(subject => new TestCase(subject, [.. findings[subject]])).ToList();
            return (Rule: rule, Cases: cases);
        }).Where(suite => suite.Cases.Count > 0).ToList();

        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        // The declaration is written by hand: XmlWriter would name the TextWriter's encoding (UTF-16 for a
        // StringWriter), while the CLI always writes files as UTF-8.
        output.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", context.ToolName);
            WriteCounts(xml, suites.SelectMany(s => s.Cases).ToList());
            foreach (var (rule, cases) in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", $"{rule.Id}: {rule.Title}");
                WriteCounts(xml, cases);
                foreach (var testCase in cases)
                {
                    WriteTestCase(xml, rule, testCase, paths);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        output.Write('\n');
    }

    private static bool IsFileRule(RuleDescriptor rule) => rule.Category is RuleCategories.Input or RuleCategories.Engine;

    private static Subject SubjectOf(Diagnostic diagnostic, bool isFileRule) =>
        !isFileRule && diagnostic.Resource is { } resource
            ? new Subject(resource.ToString(), diagnostic.Location.Path)
            : new Subject(diagnostic.Location.Path.Length > 0 ? diagnostic.Location.Path : "(run)", diagnostic.Location.Path);

    private static void WriteCounts(XmlWriter xml, IReadOnlyList<TestCase> cases)
    {
        xml.WriteAttributeString("tests", Number(cases.Count));
        xml.WriteAttributeString("failures", Number(cases.Count(c => c.Active.Count > 0)));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", Number(cases.Count(c => c.Active.Count == 0 && c.Findings.Count > 0)));
        xml.WriteAttributeString("time", "0");
    }

    private static void WriteTestCase(XmlWriter xml, RuleDescriptor rule, TestCase testCase, ArtifactPaths paths)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(testCase.Subject.Name == testCase.Subject.Path ? paths.Display(testCase.Subject.Path) : testCase.Subject.Name));
        xml.WriteAttributeString("classname", $"{rule.Category}.{rule.Id}");
        if (testCase.Subject.Path.Length > 0)
        {
            xml.WriteAttributeString("file", Clean(paths.Display(testCase.Subject.Path)));
        }

        if (testCase.Findings.FirstOrDefault() is { } first)
        {
            xml.WriteAttributeString("line", Number(first.Location.Span.Start.Line));
        }

        xml.WriteAttributeString("time", "0");
        if (testCase.Active.Count > 0)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean(testCase.Active[0].Message));
            xml.WriteAttributeString("type", testCase.Active.Max(d => d.Severity).ToDisplayString());
            xml.WriteString(Clean(string.Join("\n\n", testCase.Active.Select(d => Describe(d, paths)))));
            xml.WriteEndElement();
        }
        else if (testCase.Findings.Count > 0)
        {
            var reasons = testCase.Findings.Select(d => d.Suppression?.Justification).Where(j => j is not null).Distinct();
            var why = testCase.Findings.All(d => d.IsBaselined) ? "in the baseline" : "suppressed";
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", Clean(why + (reasons.Any() ? ": " + string.Join("; ", reasons) : "")));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>One finding as the text output words it, without the source excerpt.</summary>
    private static string Describe(Diagnostic diagnostic, ArtifactPaths paths)
    {
        var location = diagnostic.Location;
        var text = new StringBuilder();
        if (location.Path.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{paths.Display(location.Path)}:{location.Span.Start.Line}:{location.Span.Start.Column}: ");
        }

        text.Append(CultureInfo.InvariantCulture, $"{diagnostic.Severity.ToDisplayString()} {diagnostic.Id}: {diagnostic.Message}");
        if (location.HelmSource is { } helm)
        {
            text.Append(CultureInfo.InvariantCulture, $" (from chart template {helm})");
        }

        foreach (var related in diagnostic.RelatedLocations)
        {
            text.Append("\n  = note: ").Append(TextOutputWriter.RelatedNote(related, paths));
        }

        if ((diagnostic.Help ?? diagnostic.Rule.HelpText) is { } help)
        {
            text.Append("\n  = help: ").Append(help);
        }

        return text.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry some control characters (or lone surrogates) that YAML text may contain; they become U+FFFD.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return clean.ToString();
    }

    /// <summary>What a test case is about: a resource ("Service/ml/api") in a file, or a file.</summary>
    private readonly record struct Subject(string Name, string Path);

    private sealed record TestCase(Subject Subject, IReadOnlyList<Diagnostic> Findings)
    {
        public IReadOnlyList<Diagnostic> Active { get; } = [.. Findings.Where(d => !d.IsSuppressed)];
    }
}
