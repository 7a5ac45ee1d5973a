using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output.Sarif;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning ingests it (see shared docs, "conventions-sarif-msbuild-tool"):
/// repository-relative URIs under <c>%SRCROOT%</c>, regions with all four coordinates, related locations linked
/// from the message, <c>primaryLocationLineHash</c> computed exactly as upload-sarif would, and rules with help,
/// tags, precision and severities. The output is a pure function of the result and context: no timestamps,
/// no machine names, and results in the engine's deterministic order.
/// </summary>
public sealed class SarifOutputWriter : IOutputWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The URI of results read from standard input, which has no file to point at.</summary>
    public const string StandardInputUri = "stdin";

    // GitHub caps per-result display and rule descriptions; longer texts are cut rather than rejected later.
    private const int MaxDescriptionLength = 1024;
    private const int MaxRuleNameLength = 255;

    // Our gzip and upload-sarif's may differ by a few percent; aim under the limit so the upload never is over.
    private const double CompressedSizeMargin = 0.95;

    private readonly SarifLimits _limits;

    public SarifOutputWriter()
        : this(SarifLimits.GitHub)
    {
    }

    public SarifOutputWriter(SarifLimits limits) => _limits = limits;

    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var run = new RunWriter(result, context);
        var candidates = result.Diagnostics.Where(d => d.Severity != Severity.Hidden && d.Location.Path.Length > 0).ToList();
        var kept = candidates.Count > _limits.MaxResults ? MostSevere(candidates, _limits.MaxResults) : candidates;
        var shortHelp = false;
        var bytes = run.Serialize(kept, candidates.Count - kept.Count, shortHelp);

        // Over the size limit, results matter more than help pages (which are one click away at helpUri):
        // shorten the pages first, then leave out the least severe results.
        var budget = (long)(_limits.MaxCompressedBytes * CompressedSizeMargin);
        var compressed = CompressedSize(bytes, budget);
        if (compressed > budget)
        {
            shortHelp = true;
            bytes = run.Serialize(kept, candidates.Count - kept.Count, shortHelp);
            compressed = CompressedSize(bytes, budget);
        }

        while (compressed > budget && kept.Count > 0)
        {
            // Shrink in proportion to the overshoot, and always by at least one result, so the loop ends.
            var target = Math.Min(kept.Count - 1, (int)(kept.Count * (budget / (double)compressed) * 0.95));
            kept = MostSevere(candidates, Math.Max(0, target));
            bytes = run.Serialize(kept, candidates.Count - kept.Count, shortHelp);
            compressed = CompressedSize(bytes, budget);
        }

        JsonText.WriteTo(output, bytes);
    }

    /// <summary>
    /// A log for a run that produced no result: the configuration was invalid or the tool itself failed. CI
    /// steps that upload the file still find valid SARIF, and <c>executionSuccessful</c> tells them not to trust it.
    /// </summary>
    public void WriteFailedRun(TextWriter output, OutputContext context, string message, bool isConfigurationError)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        var rules = (context.Rules ?? []).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var bytes = JsonText.Build(json =>
        {
            WriteLogStart(json);
            WriteTool(json, context, rules, shortHelp: false);
            WriteAutomationDetails(json, context);
            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", false);
            json.WriteStartArray(isConfigurationError ? "toolConfigurationNotifications" : "toolExecutionNotifications");
            json.WriteStartObject();
            json.WriteString("level", "error");
            WriteMessage(json, message);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            json.WriteEndArray();
            WriteLogEnd(json);
        });
        JsonText.WriteTo(output, bytes);
    }

    /// <summary>The <paramref name="count"/> results that matter most (active before suppressed, then by severity), in output order.</summary>
    private static List<Diagnostic> MostSevere(List<Diagnostic> diagnostics, int count)
    {
        var kept = diagnostics
            .OrderBy(d => d.IsSuppressed)
            .ThenBy(d => d.IsBaselined)
            .ThenByDescending(d => d.Severity)
            .ThenBy(d => d, DiagnosticOrder.Instance)
            .Take(count)
            .ToList();
        kept.Sort(DiagnosticOrder.Instance);
        return kept;
    }

    /// <summary>The gzip size, or an upper bound when that is clearly within the budget (gzip adds at most a few bytes per 16 KiB).</summary>
    private static long CompressedSize(byte[] bytes, long budget)
    {
        var upperBound = bytes.Length + (bytes.Length / 1024) + 64;
        if (upperBound <= budget)
        {
            return upperBound;
        }

        var counter = new CountingStream();
        using (var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return counter.Length;
    }

    private static void WriteLogStart(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
    }

    private static void WriteLogEnd(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, OutputContext context, IReadOnlyList<RuleDescriptor> rules, bool shortHelp)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", context.ToolName);
        json.WriteString("semanticVersion", SemanticVersion(context.ToolVersion));
        json.WriteString("informationUri", context.InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule, shortHelp ? null : context.Documentation(rule.Id));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule, string? page)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", Truncate(rule.Name, MaxRuleNameLength));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", Truncate(rule.Title, MaxDescriptionLength));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", Truncate(rule.Description ?? rule.Title, MaxDescriptionLength));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        if (!rule.EnabledByDefault || rule.DefaultSeverity == Severity.Hidden)
        {
            json.WriteBoolean("enabled", false);
        }

        if (rule.DefaultSeverity != Severity.Hidden)
        {
            json.WriteString("level", rule.DefaultSeverity.ToSarifLevel());
        }

        json.WriteEndObject();
        if (rule.HelpUri is { } helpUri)
        {
            // Optional in SARIF (and not among GitHub's fields): a custom rule without a page has none.
            json.WriteString("helpUri", helpUri);
        }

        json.WriteStartObject("help");
        if (page is not null)
        {
            // The page is Markdown, which reads well as plain text too; GitHub shows the markdown.
            json.WriteString("text", page);
            json.WriteString("markdown", page);
        }
        else
        {
            json.WriteString("text", string.Join(" ", new[] { rule.Description, rule.HelpText, rule.HelpUri is null ? null : $"See {rule.HelpUri}" }.Where(s => s is not null)));
        }

        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Category);
        if (rule.IsCrossResource)
        {
            json.WriteStringValue("cross-resource");
        }

        if (rule.SecuritySeverity is not null)
        {
            json.WriteStringValue("security");
        }

        json.WriteEndArray();
        json.WriteString("precision", rule.Precision);
        json.WriteString("problem.severity", rule.DefaultSeverity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "recommendation",
        });
        if (rule.SecuritySeverity is not null)
        {
            json.WriteString("security-severity", rule.SecuritySeverity);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAutomationDetails(Utf8JsonWriter json, OutputContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Category))
        {
            return;
        }

        // GitHub reads the category as everything up to the last '/'; upload-sarif writes "category/" the same way.
        var category = context.Category.Trim();
        json.WriteStartObject("automationDetails");
        json.WriteString("id", category.EndsWith('/') ? category : category + "/");
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject("message");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>semanticVersion must be the same on every build of one version: drop SourceLink's "+commit".</summary>
    private static string SemanticVersion(string version)
    {
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Writes one run; holds the per-run lookups so that re-serializing after trimming costs little.</summary>
    private sealed class RunWriter
    {
        private readonly AnalysisResult _result;
        private readonly OutputContext _context;
        private readonly ArtifactPaths _paths;
        private readonly List<RuleDescriptor> _rules;
        private readonly Dictionary<string, int> _ruleIndex;
        private readonly Dictionary<string, IReadOnlyList<string>?> _lineHashes = new(StringComparer.Ordinal);

        public RunWriter(AnalysisResult result, OutputContext context)
        {
            _result = result;
            _context = context;
            _paths = new ArtifactPaths(result, context);

            // Every rule that ran, plus any that reported, so that every result's ruleIndex resolves.
            _rules = [.. (context.Rules ?? result.RulesRun)
                .Concat(result.Diagnostics.Select(d => d.Rule))
                .DistinctBy(r => r.Id)
                .OrderBy(r => r.Id, StringComparer.Ordinal)];
            _ruleIndex = _rules.Select((rule, index) => (rule.Id, index)).ToDictionary(x => x.Id, x => x.index, StringComparer.Ordinal);
        }

        public byte[] Serialize(IReadOnlyList<Diagnostic> results, int omitted, bool shortHelp) => JsonText.Build(json =>
        {
            WriteLogStart(json);
            WriteTool(json, _context, _rules, shortHelp);
            WriteAutomationDetails(json, _context);
            WriteInvocation(json, results.Count, omitted, shortHelp);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRootBaseId);
            json.WriteString("uri", BaseDirectoryUri(_context.BaseDirectory));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var diagnostic in results)
            {
                WriteResult(json, diagnostic);
            }

            foreach (var gone in _result.Baseline?.Gone ?? [])
            {
                WriteAbsentResult(json, gone);
            }

            json.WriteEndArray();
            WriteLogEnd(json);
        });

        private static string BaseDirectoryUri(string directory)
        {
            var full = Path.GetFullPath(directory);
            return new Uri(Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar).AbsoluteUri;
        }

        private void WriteInvocation(Utf8JsonWriter json, int written, int omitted, bool shortHelp)
        {
            // Problems with the input are results (so they gate CI) and also runtime notifications (so SARIF
            // viewers can tell that a file was not fully analyzed). The run itself succeeded: an error-level
            // notification would mean the tool failed, which is WriteFailedRun's case.
            var active = _result.Active.Where(d => d.Severity != Severity.Hidden).ToList();
            var execution = active.Where(d => d.Rule.Category is RuleCategories.Input or RuleCategories.Engine && d.Id != CoreRules.ConfigurationProblem.Id).ToList();
            var configuration = active.Where(d => d.Id == CoreRules.ConfigurationProblem.Id).ToList();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            if (execution.Count > 0 || omitted > 0 || shortHelp)
            {
                json.WriteStartArray("toolExecutionNotifications");
                foreach (var diagnostic in execution)
                {
                    WriteNotification(json, diagnostic);
                }

                if (omitted > 0)
                {
                    WriteLimitNotification(json, string.Create(CultureInfo.InvariantCulture,
                        $"{omitted} of {written + omitted} results were left out to stay within GitHub code scanning's upload limits; the most severe were kept. Use text or json output to see all."));
                }

                if (shortHelp)
                {
                    WriteLimitNotification(json, "Rule help was shortened to each rule's description and helpUri to stay within GitHub code scanning's upload limits.");
                }

                json.WriteEndArray();
            }

            if (configuration.Count > 0)
            {
                json.WriteStartArray("toolConfigurationNotifications");
                foreach (var diagnostic in configuration)
                {
                    WriteNotification(json, diagnostic);
                }

                json.WriteEndArray();
            }

            WriteConfigurationOverrides(json);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        private static void WriteLimitNotification(Utf8JsonWriter json, string message)
        {
            json.WriteStartObject();
            json.WriteString("level", "warning");
            WriteMessage(json, message);
            json.WriteEndObject();
        }

        /// <summary>
        /// Run-wide severities that differ from the rule's default, as Roslyn writes them: the command line and
        /// .manifestlint.yaml. Per-file .editorconfig severities show in each result's level instead.
        /// </summary>
        private void WriteConfigurationOverrides(Utf8JsonWriter json)
        {
            var overrides = new List<(RuleDescriptor Rule, Severity? Effective)>();
            foreach (var rule in _rules)
            {
                var defaultSeverity = rule.EnabledByDefault && rule.DefaultSeverity != Severity.Hidden ? rule.DefaultSeverity : (Severity?)null;
                var effective = _result.Severities.Effective(rule, fullPath: null) is { } s && s != Severity.Hidden ? s : (Severity?)null;
                if (effective != defaultSeverity)
                {
                    overrides.Add((rule, effective));
                }
            }

            if (overrides.Count == 0)
            {
                return;
            }

            json.WriteStartArray("ruleConfigurationOverrides");
            foreach (var (rule, effective) in overrides)
            {
                json.WriteStartObject();
                json.WriteStartObject("descriptor");
                json.WriteString("id", rule.Id);
                json.WriteNumber("index", _ruleIndex[rule.Id]);
                json.WriteEndObject();
                json.WriteStartObject("configuration");
                if (effective is { } level)
                {
                    if (!rule.EnabledByDefault)
                    {
                        json.WriteBoolean("enabled", true);
                    }

                    json.WriteString("level", level.ToSarifLevel());
                }
                else
                {
                    json.WriteBoolean("enabled", false);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private void WriteNotification(Utf8JsonWriter json, Diagnostic diagnostic)
        {
            json.WriteStartObject();
            json.WriteString("level", diagnostic.Severity == Severity.Info ? "note" : "warning");
            WriteMessage(json, diagnostic.Message);
            if (diagnostic.Location.Path.Length > 0)
            {
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, diagnostic.Location);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("associatedRule");
            json.WriteString("id", diagnostic.Id);
            json.WriteNumber("index", _ruleIndex[diagnostic.Id]);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic)
        {
            var location = diagnostic.Location;
            json.WriteStartObject();
            json.WriteString("ruleId", diagnostic.Id);
            json.WriteNumber("ruleIndex", _ruleIndex[diagnostic.Id]);
            json.WriteString("level", diagnostic.Severity.ToSarifLevel());
            WriteMessage(json, ResultMessage(diagnostic));

            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, location);
            if (diagnostic.Resource is { } resource)
            {
                WriteLogicalLocation(json, resource, location.HelmSource);
            }

            json.WriteEndObject();
            json.WriteEndArray();

            if (diagnostic.RelatedLocations.Count > 0)
            {
                json.WriteStartArray("relatedLocations");
                var id = 1;
                foreach (var related in diagnostic.RelatedLocations)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", id++);
                    WritePhysicalLocation(json, related.Location);
                    WriteMessage(json, related.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (LineHashesOf(location.Path) is { } hashes && LineHashFingerprint.ForLine(hashes, location.Span.Start.Line) is { } fingerprint)
            {
                json.WriteStartObject("partialFingerprints");
                json.WriteString("primaryLocationLineHash", fingerprint);
                json.WriteEndObject();
            }

            // SARIF: when suppression information is available, every result carries the array, empty if not suppressed.
            json.WriteStartArray("suppressions");
            if (diagnostic.Suppression is { } suppression)
            {
                json.WriteStartObject();
                json.WriteString("kind", suppression.Kind);
                if (suppression.Justification is { Length: > 0 } justification)
                {
                    json.WriteString("justification", justification);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (diagnostic.Baseline is { } state)
            {
                json.WriteString("baselineState", state == Baseline.BaselineState.Unchanged ? "unchanged" : "new");
            }

            if (location.HelmSource is not null)
            {
                json.WriteStartObject("properties");
                json.WriteString("helmTemplate", location.HelmSource);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        /// <summary>
        /// A baselined finding that no longer occurs (SARIF §3.27.24 <c>baselineState: absent</c>). The baseline keeps
        /// no line numbers, so the location is the object's name when the object is still in the file, else the file's
        /// first line; with <c>kind: pass</c> and <c>level: none</c> no viewer mistakes it for an open problem. GitHub
        /// code scanning needs a location with a URI to accept a result; a finding recorded without a file has none and
        /// is left out.
        /// </summary>
        private void WriteAbsentResult(Utf8JsonWriter json, Baseline.FindingIdentity gone)
        {
            if (gone.File.Length == 0)
            {
                return;
            }

            json.WriteStartObject();
            json.WriteString("ruleId", gone.Rule);
            if (_ruleIndex.TryGetValue(gone.Rule, out var ruleIndex))
            {
                json.WriteNumber("ruleIndex", ruleIndex);
            }

            json.WriteString("kind", "pass");
            json.WriteString("level", "none");
            var what = string.Join(' ', new[] { gone.Object, string.IsNullOrEmpty(gone.KeyPath) ? null : gone.KeyPath }.OfType<string>());
            WriteMessage(json, EscapeBrackets($"Fixed since the baseline: {gone.Rule}{(what.Length > 0 ? " at " + what : "")} no longer occurs."));
            json.WriteStartArray("locations");
            json.WriteStartObject();

            // GitHub needs a region: the object's name when the object is still there, else the file's start.
            var place = _result.Index.Resources.FirstOrDefault(r => r.File.Path == gone.File && r.Reference.ToString() == gone.Object)?.Location
                ?? new Location(gone.File, new Yaml.TextSpan(new(1, 1), new(1, 1)));
            WritePhysicalLocation(json, place);
            if (gone.Object is not null)
            {
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", gone.Object);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("suppressions");
            json.WriteEndArray();
            json.WriteString("baselineState", "absent");
            json.WriteEndObject();
        }

        /// <summary>
        /// The message, then the Helm template, the related locations as <c>[text](id)</c> links (which GitHub
        /// turns into links to the other file), and the diagnostic's own fix. Brackets in plain text are escaped
        /// as SARIF §3.11.6 requires, so they cannot be mistaken for links.
        /// </summary>
        private static string ResultMessage(Diagnostic diagnostic)
        {
            var text = new StringBuilder(EscapeBrackets(Sentence(diagnostic.Message)));
            if (diagnostic.Location.HelmSource is { } helm)
            {
                text.Append(" Rendered from chart template ").Append(EscapeBrackets(helm)).Append('.');
            }

            if (diagnostic.RelatedLocations.Count > 0)
            {
                text.Append(" Related: ");
                text.AppendJoin("; ", diagnostic.RelatedLocations.Select((related, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"[{EscapeBrackets(related.Message)}]({i + 1})")));
                text.Append('.');
            }

            if (diagnostic.Help is { } help)
            {
                text.Append(" Help: ").Append(EscapeBrackets(Sentence(help)));
            }

            return text.ToString();
        }

        private static string Sentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' ? text : text + ".";

        private static string EscapeBrackets(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

        private void WritePhysicalLocation(Utf8JsonWriter json, Location location)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            if (ArtifactPaths.IsStandardInput(location.Path))
            {
                json.WriteString("uri", StandardInputUri);
            }
            else
            {
                var path = _paths.Display(location.Path);
                if (Path.IsPathRooted(path))
                {
                    // Outside the repository root: an absolute file URI (same scheme as the root, as GitHub requires).
                    json.WriteString("uri", new Uri(path).AbsoluteUri);
                }
                else
                {
                    json.WriteString("uri", string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
                    json.WriteString("uriBaseId", SourceRootBaseId);
                }
            }

            json.WriteEndObject();
            var span = location.Span;
            var startLine = Math.Max(1, span.Start.Line);
            var startColumn = Math.Max(1, span.Start.Column);
            var endLine = Math.Max(startLine, span.End.Line);
            var endColumn = endLine == startLine ? Math.Max(startColumn, span.End.Column) : Math.Max(1, span.End.Column);
            json.WriteStartObject("region");
            json.WriteNumber("startLine", startLine);
            json.WriteNumber("startColumn", startColumn);
            json.WriteNumber("endLine", endLine);
            json.WriteNumber("endColumn", endColumn);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteLogicalLocation(Utf8JsonWriter json, ResourceReference resource, string? helmSource)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", resource.Name);
            json.WriteString("fullyQualifiedName", resource.ToString());
            json.WriteString("kind", resource.Kind);
            if (resource.Namespace is not null || helmSource is not null)
            {
                json.WriteStartObject("properties");
                if (resource.Namespace is not null)
                {
                    json.WriteString("namespace", resource.Namespace);
                }

                if (helmSource is not null)
                {
                    json.WriteString("helmTemplate", helmSource);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        /// <summary>
        /// Line hashes of the file as upload-sarif computes them: from the bytes on disk decoded as UTF-8 with any
        /// byte order mark kept (the loader strips it). Files that did not load (too large, binary) get none;
        /// upload-sarif then fills the value in itself, as it would anyway.
        /// </summary>
        private IReadOnlyList<string>? LineHashesOf(string displayPath)
        {
            if (_lineHashes.TryGetValue(displayPath, out var cached))
            {
                return cached;
            }

            IReadOnlyList<string>? hashes = null;
            if (_paths.FileOf(displayPath) is { Text: { } source } file)
            {
                string? text = null;
                if (file.Source.FullPath is { } fullPath)
                {
                    try
                    {
                        text = Encoding.UTF8.GetString(File.ReadAllBytes(fullPath));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // The file went away after loading: no hashes, and upload-sarif computes none either.
                    }
                }
                else
                {
                    text = source.Read();
                }

                hashes = text is null ? null : LineHashFingerprint.ComputeLineHashes(text);
            }

            _lineHashes[displayPath] = hashes;
            return hashes;
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
