using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;
using ScalarStyle = ManifestLint.Core.Yaml.ScalarStyle;

namespace ManifestLint.Core.Loading;

public sealed record SourceComment(int Line, int Column, string Text, bool IsInline);

public sealed record ParsedDocument(int Index, ManifestNode? Root, TextSpan Span, string? HelmSource);

public sealed record LoadProblem(RuleDescriptor Rule, TextSpan Span, string Message);

public sealed record ParsedStream(
    IReadOnlyList<ParsedDocument> Documents,
    IReadOnlyList<SourceComment> Comments,
    IReadOnlyList<LoadProblem> Problems,
    bool HadSyntaxError,
    bool HasComplexKey);

public sealed record YamlLimits(int MaxDepth = 1000, long MaxExpandedNodes = 1_000_000);

/// <summary>
/// Turns YAML text into position-carrying node trees, one per document. Never throws on bad input:
/// syntax errors become problems, parsing resumes at the next document separator, and the builder is
/// iterative so nesting depth cannot overflow the stack.
/// </summary>
public static class YamlStreamReader
{
    public static ParsedStream Read(string text, YamlLimits? limits = null)
    {
        limits ??= new YamlLimits();
        // Threads reading different files must not share the scanner's builders (see ScannerBuilders).
        ScannerBuilders.EnsurePerThread();
        // Comments are found in the text as written; the parser reads it with placeholders made plain (see TemplatePlaceholders).
        var scanText = TemplatePlaceholders.Mask(text);
        var state = new StreamState(new CommentCandidates(text), scanText.AsMemory(), isMasked: !ReferenceEquals(scanText, text));
        var lineOffset = 0;
        var segmentStart = 0;
        while (true)
        {
            var (documentsBefore, problemsBefore) = (state.Documents.Count, state.Problems.Count);
            var (failure, resume) = ReadSegment(segmentStart, lineOffset, limits, state);
            if (resume is { } again)
            {
                // The text was repaired where the parser stopped (see BlockScalarLeadingLines): the documents before the
                // repaired one were read whole and stay; reading resumes where that document starts.
                var documentLine = again.Line + lineOffset;
                state.ForgetFrom(documentsBefore, problemsBefore, documentLine);
                segmentStart = again.Index;
                lineOffset = documentLine - 1;
                continue;
            }

            if (failure is null)
            {
                break;
            }

            // Resume at the first document separator after the error, so one broken document does not hide the rest.
            // A separator on the error line itself counts (an unclosed flow collection is reported at the '---' that
            // ends it), but never the segment's first line, so that every retry makes progress.
            // Segments are offsets into the text, never copies: a file with thousands of broken documents must not
            // copy the rest of itself once per error.
            var (resumeLine, resumeIndex) = NextSeparator(state.ScanText.Span, segmentStart, Math.Max(failure.Value - lineOffset - 1, 1));
            if (resumeLine < 0)
            {
                break;
            }

            segmentStart = resumeIndex;
            lineOffset += resumeLine - 1;
        }

        var comments = state.Candidates.Comments();
        // Documents and comments are both in line order: one walk over the comments serves every document, so a rendered
        // chart of thousands of documents does not rescan the comments from the top for each one.
        var firstComment = 0;
        var documents = new List<ParsedDocument>(state.Documents.Count);
        foreach (var document in state.Documents)
        {
            while (firstComment < comments.Count && comments[firstComment].Line < document.Span.Start.Line)
            {
                firstComment++;
            }

            documents.Add(document with { HelmSource = HelmSourceOf(document, comments, firstComment) });
        }

        return new ParsedStream(documents, comments, state.Problems, state.HadSyntaxError, state.HasComplexKey);
    }

    /// <summary>Helm writes "# Source: chart/templates/x.yaml" just before each rendered document.</summary>
    private static string? HelmSourceOf(ParsedDocument document, IReadOnlyList<SourceComment> comments, int firstComment)
    {
        if (document.Root is null)
        {
            return null;
        }

        string? source = null;
        for (var i = firstComment; i < comments.Count; i++)
        {
            var comment = comments[i];
            if (comment.Line >= document.Root.Span.Start.Line)
            {
                break;
            }

            if (comment.Line >= document.Span.Start.Line && !comment.IsInline && comment.Text.TrimStart().StartsWith("Source:", StringComparison.Ordinal))
            {
                source = comment.Text.TrimStart()["Source:".Length..].Trim();
            }
        }

        return source;
    }

    private sealed class StreamState(CommentCandidates candidates, ReadOnlyMemory<char> scanText, bool isMasked)
    {
        private char[]? _repairedText;

        public CommentCandidates Candidates { get; } = candidates;

        /// <summary>
        /// What the parser reads: the text, except for the braces of placeholders and the repairs of BlockScalarLeadingLines,
        /// same length and lines, so that every position the parser reports is a position in the text.
        /// </summary>
        public ReadOnlyMemory<char> ScanText { get; private set; } = scanText;

        /// <summary>The scan text, to be repaired in place: copied once, at the first repair of the file.</summary>
        public Span<char> RepairableText()
        {
            if (_repairedText is null)
            {
                _repairedText = ScanText.ToArray();
                ScanText = _repairedText;
            }

            return _repairedText;
        }

        public bool IsMasked { get; } = isMasked;
        public List<ParsedDocument> Documents { get; } = [];
        public List<LoadProblem> Problems { get; } = [];
        public bool HadSyntaxError { get; set; }
        public bool HasComplexKey { get; set; }

        /// <summary>Forgets the documents and problems found since the given counts that start at or after a line, which is read again.</summary>
        public void ForgetFrom(int documentCount, int problemCount, int fromLine)
        {
            while (Documents.Count > documentCount && Documents[^1].Span.Start.Line >= fromLine)
            {
                Documents.RemoveAt(Documents.Count - 1);
            }

            for (var i = Problems.Count - 1; i >= problemCount; i--)
            {
                if (Problems[i].Span.Start.Line >= fromLine)
                {
                    Problems.RemoveAt(i);
                }
            }
        }

        /// <summary>What repairs of block scalars may still cost (see BlockScalarLeadingLines.WorkBudget).</summary>
        public long RepairBudget { get; set; } = BlockScalarLeadingLines.WorkBudget(scanText.Length);
    }

    /// <summary>
    /// Reads until the end or a syntax error; returns the absolute line of the error (null at the end), or, when the text
    /// was repaired where the parser stopped, where to read again (index and line in the segment of the start of the
    /// document that failed).
    /// </summary>
    private static (int? FailureLine, (int Index, int Line)? ReadAgainFrom) ReadSegment(int segmentStart, int lineOffset, YamlLimits limits, StreamState state)
    {
        var text = state.ScanText;
        // Comments are found lexically (see CommentCandidates): YamlDotNet's comment-aware scanner rejects some valid YAML.
        var scanner = new Scanner(new SliceReader(text, segmentStart), skipComments: true);
        var parser = new Parser(scanner);
        var builder = new DocumentBuilder(lineOffset, limits, state);
        try
        {
            while (NextEvent(parser, scanner))
            {
                builder.Accept(parser.Current!);
            }

            return (null, null);
        }
        catch (YamlException ex) when (BlockScalarLeadingLines.IsTheirError(ex.Message) &&
            BlockScalarLeadingLines.Find(text.Span, segmentStart, (int)ex.Start.Line) is { } repair &&
            PreviousSeparator(text.Span, segmentStart, repair.HeaderStart) is var from &&
            (state.RepairBudget -= repair.HeaderStart - from.Index) >= 0)
        {
            BlockScalarLeadingLines.Apply(state.RepairableText(), repair);
            builder.AbandonDocument();
            return (null, from);
        }
        catch (YamlException ex)
        {
            var span = builder.Span(ex.Start, ex.End);
            if (ex.Message.Contains("tab", StringComparison.Ordinal) && TabInIndentation(text.Span, segmentStart, (int)ex.Start.Line) is { } tab)
            {
                // YamlDotNet reports a tab in indentation at the enclosing mapping's start (often line 1); point at the tab.
                span = TextSpan.At(tab.Line + lineOffset, tab.Column);
            }

            if (span.End.CompareTo(span.Start) <= 0)
            {
                span = new TextSpan(span.Start, new SourcePosition(span.Start.Line, span.Start.Column + 1));
            }

            state.HadSyntaxError = true;
            state.Problems.Add(new LoadProblem(CoreRules.YamlSyntaxError, span, CleanMessage(ex)));
            builder.AbandonDocument();
            return (span.Start.Line, null);
        }
        catch (DocumentTooDeepException ex)
        {
            // Already reported (ML9007); the document is kept as an empty one, as a document over the alias limit is.
            builder.EndDocumentUnanalyzed();
            return (ex.Line, null);
        }
        finally
        {
            builder.ReturnBuffer();
        }
    }

    /// <summary>
    /// Stops reading a document that nests deeper than the limit. Reading on to its end is not an option: YamlDotNet's
    /// scanner does work proportional to the flow depth for every token, so 100,000 nested '[' take minutes.
    /// </summary>
    private sealed class DocumentTooDeepException(int line) : Exception
    {
        public int Line => line;
    }

    /// <summary>
    /// YamlDotNet's scanner fails on some invalid input with an internal InvalidOperationException instead of a
    /// YamlException (yaml-test-suite 9C9N, VJP3/00: a flow collection continued at column 1). That is still bad
    /// input, not a failure of ours, so it becomes a syntax error where the scanner stopped.
    /// </summary>
    private static bool NextEvent(Parser parser, Scanner scanner)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception ex) when (ex is not YamlException and not OutOfMemoryException)
        {
            var at = scanner.CurrentPosition;
            throw new SyntaxErrorException(at, at, $"the parser cannot read the input here ({ex.GetType().Name})");
        }
    }

    /// <summary>The first tab in the leading white space of a line at or after <paramref name="fromLine"/>, 1-based.</summary>
    private static (int Line, int Column)? TabInIndentation(ReadOnlySpan<char> text, int segmentStart, int fromLine)
    {
        var line = 1;
        for (var start = segmentStart; start < text.Length; line++)
        {
            var end = IndexOfNewline(text, start);
            end = end < 0 ? text.Length : end;
            if (line >= fromLine)
            {
                var lineText = text[start..end];
                var indentationLength = lineText.IndexOfAnyExcept(' ', '\t');
                var tab = (indentationLength < 0 ? lineText : lineText[..indentationLength]).IndexOf('\t');
                if (tab >= 0)
                {
                    return (line, tab + 1);
                }
            }

            start = end + 1;
        }

        return null;
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is carried separately.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0)
        {
            message = message[(marker + 3)..];
        }

        return "YAML syntax error: " + message.TrimEnd('.') + ".";
    }

    /// <summary>
    /// Index and line (relative to the segment) of the last "---" line that starts before <paramref name="before"/>: where
    /// the document holding that index starts. The segment's start when there is none.
    /// </summary>
    private static (int Index, int Line) PreviousSeparator(ReadOnlySpan<char> text, int segmentStart, int before)
    {
        var (separatorIndex, separatorLine) = (segmentStart, 1);
        var line = 1;
        for (var index = segmentStart; index < before; line++)
        {
            if (IsSeparatorAt(text, index))
            {
                (separatorIndex, separatorLine) = (index, line);
            }

            var next = IndexOfNewline(text, index);
            if (next < 0)
            {
                break;
            }

            index = next + 1;
        }

        return (separatorIndex, separatorLine);
    }

    private static bool IsSeparatorAt(ReadOnlySpan<char> text, int index) =>
        text[index..].StartsWith("---", StringComparison.Ordinal) && (index + 3 >= text.Length || text[index + 3] is ' ' or '\t' or '\r' or '\n');

    private static int IndexOfNewline(ReadOnlySpan<char> text, int from)
    {
        var offset = text[from..].IndexOf('\n');
        return offset < 0 ? -1 : from + offset;
    }

    /// <summary>Line (relative to the segment) and index of the first "---" line after <paramref name="afterLine"/>; (-1, -1) if none.</summary>
    private static (int Line, int Index) NextSeparator(ReadOnlySpan<char> text, int segmentStart, int afterLine)
    {
        var line = 1;
        var index = segmentStart;
        while (index < text.Length)
        {
            if (line > afterLine && IsSeparatorAt(text, index))
            {
                return (line, index);
            }

            var next = IndexOfNewline(text, index);
            if (next < 0)
            {
                break;
            }

            index = next + 1;
            line++;
        }

        return (-1, -1);
    }

    /// <summary>Reads text from an offset without copying it, as a StringReader over the rest of the text would.</summary>
    private sealed class SliceReader(ReadOnlyMemory<char> text, int start) : TextReader
    {
        private int _position = start;

        public override int Peek() => _position < text.Length ? text.Span[_position] : -1;

        public override int Read() => _position < text.Length ? text.Span[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var count = Math.Min(buffer.Length, text.Length - _position);
            text.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }

    /// <summary>
    /// Every '#' that YAML could read as a comment (at a line start or after white space). Those that fall inside
    /// a scalar the parser produced (a quoted string, a block scalar) are content; the rest are comments.
    /// </summary>
    private sealed class CommentCandidates
    {
        private readonly string _text;
        private readonly List<(SourcePosition Position, int Index)> _candidates = [];
        private bool[] _isContent = [];

        public CommentCandidates(string text)
        {
            _text = text;
            var line = 1;
            var lineStart = 0;
            for (var i = text.IndexOfAny(['#', '\n']); i >= 0; i = text.IndexOfAny(['#', '\n'], i + 1))
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
                else if (i == lineStart || text[i - 1] is ' ' or '\t')
                {
                    _candidates.Add((new SourcePosition(line, i - lineStart + 1), i));
                }
            }

            _isContent = new bool[_candidates.Count];
        }

        public void MarkContent(TextSpan span)
        {
            if (_candidates.Count == 0)
            {
                return;
            }

            var lo = 0;
            var hi = _candidates.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_candidates[mid].Position.CompareTo(span.Start) < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (var i = lo; i < _candidates.Count && _candidates[i].Position.CompareTo(span.End) < 0; i++)
            {
                _isContent[i] = true;
            }
        }

        public IReadOnlyList<SourceComment> Comments()
        {
            if (_candidates.Count == 0)
            {
                return []; // most files: kept for the whole run, so no empty list of its own
            }

            var result = new List<SourceComment>();
            for (var i = 0; i < _candidates.Count; i++)
            {
                if (_isContent[i])
                {
                    continue;
                }

                var (position, index) = _candidates[i];
                var end = _text.IndexOf('\n', index);
                var body = _text[(index + 1)..(end < 0 ? _text.Length : end)].TrimEnd('\r');
                var isInline = !string.IsNullOrWhiteSpace(_text[(index - position.Column + 1)..index]);
                result.Add(new SourceComment(position.Line, position.Column, body.StartsWith(' ') ? body[1..] : body, isInline));
            }

            return result.Count == 0 ? Array.Empty<SourceComment>() : result;
        }
    }

    /// <summary>
    /// A collection being built. Frames are reused from one collection to the next (see DocumentBuilder.Push), so that
    /// building a tree allocates the tree and little else.
    /// </summary>
    private sealed class Frame
    {
        public bool IsMapping { get; private set; }
        public bool IsFlow { get; private set; }
        public SourcePosition Start { get; private set; }
        public string? Tag { get; private set; }
        public string? Anchor { get; private set; }
        public List<MappingEntry> Entries { get; } = [];
        public List<MappingEntry> Items { get; } = [];
        public Dictionary<string, int>? KeyLines { get; set; }
        /// <summary>The key slot waiting for its value (see MappingEntry.Item).</summary>
        public MappingEntry? PendingKey { get; set; }
        /// <summary>The nodes this collection stands for with its aliases expanded: what an alias to it adds to the document.</summary>
        public long Size { get; set; }
        public List<MappingNode>? Merges { get; set; }

        public Frame Reset(bool isMapping, bool isFlow, SourcePosition start, string? tag, string? anchor)
        {
            (IsMapping, IsFlow, Start, Tag, Anchor) = (isMapping, isFlow, start, tag, anchor);
            Entries.Clear();
            Items.Clear();
            (KeyLines, PendingKey, Size, Merges) = (null, null, 1, null);
            return this;
        }
    }

    private sealed class DocumentBuilder(int lineOffset, YamlLimits limits, StreamState state)
    {
        private readonly Stack<Frame> _frames = new();
        private readonly Stack<Frame> _spareFrames = new();
        private MappingEntry[] _entryBuffer = EntryBuffers.Rent();
        private EntryStore _entryStore = null!;
        private readonly Dictionary<string, (ManifestNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private bool _inDocument;
        private bool _skipping;
        private int _skipDepth;
        /// <summary>Nodes that aliases in this document stand for: the alias-bomb limit counts these, not the nodes written out.</summary>
        private long _aliasExpansion;
        private SourcePosition _documentStart;
        private SourcePosition _previousEnd = new(lineOffset + 1, 1);
        private ManifestNode? _root;

        public TextSpan Span(Mark start, Mark end) =>
            new(new SourcePosition((int)start.Line + lineOffset, (int)start.Column), new SourcePosition((int)end.Line + lineOffset, (int)end.Column));

        private SourcePosition Pos(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);

        public void EndDocumentUnanalyzed()
        {
            if (_inDocument)
            {
                state.Documents.Add(new ParsedDocument(state.Documents.Count, null, new TextSpan(_documentStart, _documentStart), null));
            }

            AbandonDocument();
        }

        public void AbandonDocument()
        {
            _frames.Clear();
            _inDocument = false;
        }

        public void Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart start:
                    _inDocument = true;
                    _anchors.Clear();
                    _frames.Clear();
                    _skipping = false;
                    _aliasExpansion = 0;
                    _documentStart = start.IsImplicit ? _previousEnd : Pos(start.Start);
                    _root = null;
                    _entryStore = EntryStore.InBuffer(_entryBuffer);
                    return;
                case DocumentEnd:
                    if (_inDocument)
                    {
                        // The span starts after the previous document, so the comments before the root belong to this one.
                        var span = new TextSpan(_documentStart, _root?.Span.End ?? _documentStart);
                        _entryBuffer = _entryStore.Seal();
                        state.Documents.Add(new ParsedDocument(state.Documents.Count, _skipping ? null : _root, span, null));
                        _previousEnd = Pos(e.End);
                    }

                    _inDocument = false;
                    return;
                case StreamStart or StreamEnd:
                    return;
            }

            if (_skipping)
            {
                // After a limit was hit the rest of the document is consumed without building anything.
                if (e is MappingStart or SequenceStart)
                {
                    _skipDepth++;
                }
                else if (e is MappingEnd or SequenceEnd)
                {
                    _skipDepth--;
                }

                return;
            }

            switch (e)
            {
                case Scalar scalar:
                    var scalarSpan = Span(scalar.Start, scalar.End);
                    // A block scalar's span starts at its '|' or '>': a comment after that indicator is still a comment.
                    state.Candidates.MarkContent(scalar.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded
                        ? new TextSpan(new SourcePosition(scalarSpan.Start.Line + 1, 1), scalarSpan.End)
                        : scalarSpan);
                    var value = state.IsMasked ? TemplatePlaceholders.Unmask(scalar.Value) : scalar.Value;
                    var (text, style, tag) = (ScalarStrings.Intern(value), MapStyle(scalar.Style), TagOf(scalar.Tag, scalar.IsPlainImplicit || scalar.IsQuotedImplicit));
                    if (scalar.Anchor.IsEmpty && MappingEntry.IsCompactScalar(text, style, tag, scalarSpan))
                    {
                        // Most scalars: kept as their text, without a node that would be garbage at once (see MappingEntry).
                        CompleteSlot(MappingEntry.ScalarItem(text, style, scalarSpan.Start), 1);
                        return;
                    }

                    Complete(new ScalarNode(text, style, scalarSpan, tag), 1, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                    return;
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        throw new SemanticErrorException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to an anchor that is not defined before it");
                    }

                    // Only here does the document grow beyond what is written: a node written out once is counted by the
                    // file size limit, and counting each finished subtree again in every ancestor made a 23,000-line CRD
                    // without a single alias look like a bomb.
                    _aliasExpansion += anchored.Size;
                    if (_aliasExpansion > limits.MaxExpandedNodes)
                    {
                        RefuseExpansion(Pos(alias.Start));
                        return;
                    }

                    Complete(anchored.Node, anchored.Size, null);
                    return;
                case MappingStart mapStart:
                    Push(true, mapStart.Style == MappingStyle.Flow, Pos(mapStart.Start), TagOf(mapStart.Tag, mapStart.IsImplicit),
                        mapStart.Anchor.IsEmpty ? null : mapStart.Anchor.Value);
                    return;
                case SequenceStart seqStart:
                    Push(false, seqStart.Style == SequenceStyle.Flow, Pos(seqStart.Start), TagOf(seqStart.Tag, seqStart.IsImplicit),
                        seqStart.Anchor.IsEmpty ? null : seqStart.Anchor.Value);
                    return;
                case MappingEnd or SequenceEnd:
                    var frame = _frames.Pop();
                    var end = frame.IsFlow
                        ? new SourcePosition((int)e.Start.Line + lineOffset, (int)e.Start.Column + 1)
                        : LastEnd(frame);
                    var span = new TextSpan(frame.Start, end);
                    if (frame.IsMapping)
                    {
                        CompleteMapping(frame, span);
                    }
                    else if (frame.Tag is null && frame.Anchor is null)
                    {
                        // Most sequences: kept by their entry, without a node for the whole run (see MappingEntry).
                        CompleteSlot(MappingEntry.InlineSequenceItem(_entryStore, _entryStore.AppendSpanned(span, frame.Items), frame.Items.Count), frame.Size);
                    }
                    else
                    {
                        Complete(new SequenceNode(_entryStore, _entryStore.Append(frame.Items), frame.Items.Count, span, frame.Tag), frame.Size, frame.Anchor);
                    }

                    _spareFrames.Push(frame);
                    return;
            }
        }

        private void Push(bool isMapping, bool isFlow, SourcePosition start, string? tag, string? anchor)
        {
            var frame = (_spareFrames.Count > 0 ? _spareFrames.Pop() : new Frame()).Reset(isMapping, isFlow, start, tag, anchor);
            if (_frames.Count >= limits.MaxDepth)
            {
                state.Problems.Add(new LoadProblem(CoreRules.InputLimitExceeded, new TextSpan(frame.Start, new SourcePosition(frame.Start.Line, frame.Start.Column + 1)),
                    $"Nesting deeper than {limits.MaxDepth} levels; the document was not analyzed"));
                throw new DocumentTooDeepException(frame.Start.Line);
            }

            _frames.Push(frame);
        }

        private void StartSkipping(int depth)
        {
            _skipping = true;
            _skipDepth = depth;
            _frames.Clear();
        }

        private static SourcePosition LastEnd(Frame frame)
        {
            if (frame.IsMapping)
            {
                return frame.Entries.Count > 0 ? frame.Entries[^1].ValueSpan.End : frame.Start;
            }

            return frame.Items.Count > 0 ? frame.Items[^1].ValueSpan.End : frame.Start;
        }

        /// <summary>
        /// A small untagged mapping goes into its slot as the place of its entries, without building its node (see
        /// MappingEntry): a block mapping's span follows from its entries; any other's (braces, merged entries) is kept
        /// in a span slot before them.
        /// </summary>
        private void CompleteMapping(Frame frame, TextSpan span)
        {
            var entries = WithMerges(frame);
            if (frame.Anchor is not null || frame.Tag is not null || entries.Count > MappingNode.KeyIndexThreshold)
            {
                Complete(new MappingNode(_entryStore, _entryStore.Append(entries), entries.Count, span, frame.Tag), frame.Size, frame.Anchor);
                return;
            }

            if (MappingNode.SpansItsEntries(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries), span))
            {
                CompleteSlot(MappingEntry.InlineMappingItem(_entryStore, _entryStore.Append(entries), entries.Count), frame.Size);
                return;
            }

            CompleteSlot(MappingEntry.InlineSpannedMappingItem(_entryStore, _entryStore.AppendSpanned(span, entries), entries.Count), frame.Size);
        }

        /// <summary>Gives the entry buffer back for the thread's next file.</summary>
        public void ReturnBuffer() => EntryBuffers.Return(_entryBuffer);

        private static List<MappingEntry> WithMerges(Frame frame)
        {
            if (frame.Merges is null)
            {
                return frame.Entries;
            }

            // YAML merge keys (<<: *base), as Kubernetes' YAML decoder applies them: explicit keys win.
            var result = new List<MappingEntry>(frame.Entries);
            var present = new HashSet<string>(frame.Entries.Select(e => e.KeyText), StringComparer.Ordinal);
            foreach (var merged in frame.Merges)
            {
                foreach (var entry in merged.Entries)
                {
                    if (present.Add(entry.KeyText))
                    {
                        result.Add(entry);
                    }
                }
            }

            return result;
        }

        private void Complete(ManifestNode node, long size, string? anchor)
        {
            if (anchor is not null)
            {
                _anchors[anchor] = (node, size);
            }

            Attach(MappingEntry.Item(node), size);
        }

        private void CompleteSlot(in MappingEntry slot, long size) => Attach(slot, size);

        private void RefuseExpansion(SourcePosition start)
        {
            state.Problems.Add(new LoadProblem(CoreRules.InputLimitExceeded, new TextSpan(start, new SourcePosition(start.Line, start.Column + 1)),
                $"Document expands to more than {limits.MaxExpandedNodes:N0} nodes through aliases; it was not analyzed"));
            StartSkipping(_frames.Count);
        }

        /// <summary>Puts a finished value (as a slot: see MappingEntry.Item) into the collection being built, or makes it the root.</summary>
        private void Attach(in MappingEntry slot, long size)
        {
            if (_frames.Count == 0)
            {
                _root = slot.Value;
                return;
            }

            var parent = _frames.Peek();
            parent.Size += size;
            if (!parent.IsMapping)
            {
                parent.Items.Add(slot);
                return;
            }

            if (parent.PendingKey is not { } key)
            {
                parent.PendingKey = slot;
                return;
            }

            parent.PendingKey = null;
            if (MappingEntry.Pair(key, slot) is not { } entry)
            {
                state.HasComplexKey = true;
                // Valid YAML, so not a syntax error (ML9001), but kubectl cannot convert it to JSON: not a Kubernetes object.
                state.Problems.Add(new LoadProblem(CoreRules.DocumentNotMapping, key.ValueSpan, "A mapping key is itself a collection; Kubernetes only accepts scalar keys."));
                return;
            }

            if (entry is { KeyText: "<<", HasPlainKey: true, HasScalarValue: false })
            {
                parent.Merges ??= [];
                if (slot.Value is MappingNode single)
                {
                    parent.Merges.Add(single);
                }
                else
                {
                    parent.Merges.AddRange(((SequenceNode)slot.Value).Mappings());
                }

                return;
            }

            if (FirstLineOf(parent, entry.KeyText) is { } firstLine)
            {
                state.Problems.Add(new LoadProblem(CoreRules.DuplicateKey, entry.KeySpan, CoreRules.DuplicateKey.FormatMessage(entry.KeyText, firstLine)));
                return;
            }

            parent.Entries.Add(entry);
            parent.KeyLines?.Add(entry.KeyText, entry.KeySpan.Start.Line);
        }

        /// <summary>
        /// The line of an earlier entry with this key, for the duplicate-key check. Manifests are made of small
        /// mappings, which a scan checks faster than a dictionary allocated per mapping; a large one gets a dictionary.
        /// </summary>
        private static int? FirstLineOf(Frame frame, string key)
        {
            const int ScanLimit = 16;
            if (frame.KeyLines is null && frame.Entries.Count >= ScanLimit)
            {
                frame.KeyLines = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var entry in frame.Entries)
                {
                    frame.KeyLines.TryAdd(entry.KeyText, entry.KeySpan.Start.Line);
                }
            }

            if (frame.KeyLines is not null)
            {
                return frame.KeyLines.TryGetValue(key, out var line) ? line : null;
            }

            foreach (var entry in frame.Entries)
            {
                if (entry.KeyText == key)
                {
                    return entry.KeySpan.Start.Line;
                }
            }

            return null;
        }

        private static ScalarStyle MapStyle(YamlScalarStyle style) => style switch
        {
            YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
            YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
            YamlScalarStyle.Literal => ScalarStyle.Literal,
            YamlScalarStyle.Folded => ScalarStyle.Folded,
            _ => ScalarStyle.Plain,
        };

        private static string? TagOf(TagName tag, bool isImplicit) => tag.IsEmpty || isImplicit && tag.IsNonSpecific ? null : tag.Value;
    }

    /// <summary>
    /// One entry buffer per thread, lent to the builder of each file in turn, so that building a document's entries
    /// costs one copy of them into a slab (see EntrySlabs). A buffer grown for a huge document is not kept.
    /// </summary>
    private static class EntryBuffers
    {
        private const int KeptLength = 4096;

        [ThreadStatic]
        private static MappingEntry[]? t_spare;

        public static MappingEntry[] Rent()
        {
            var buffer = t_spare ?? new MappingEntry[256];
            t_spare = null;
            return buffer;
        }

        public static void Return(MappingEntry[] buffer)
        {
            if (buffer.Length <= KeptLength)
            {
                // The slots still point at the last document's strings and nodes; that document is kept anyway.
                t_spare = buffer;
            }
        }
    }

    /// <summary>
    /// Scalars repeat endlessly across manifests (the benchmark corpus has 130 distinct keys in 300,000 mapping entries,
    /// and 10,000 distinct values in 200,000), while the parser returns a new string for each. Keeping one copy of each
    /// short string saves a fifth of what a run holds in memory, and the garbage collector's time copying it. A small
    /// direct-mapped table per thread: no locks, no growth, and a collision only costs a duplicate string.
    /// </summary>
    private static class ScalarStrings
    {
        private const int MaxLength = 48;
        private const int Slots = 16384;

        [ThreadStatic]
        private static string?[]? t_table;

        public static string Intern(string value)
        {
            if (value.Length > MaxLength)
            {
                return value;
            }

            var table = t_table ??= new string?[Slots];
            var slot = value.GetHashCode() & (Slots - 1);
            if (table[slot] is { } existing && string.Equals(existing, value, StringComparison.Ordinal))
            {
                return existing;
            }

            table[slot] = value;
            return value;
        }
    }
}
