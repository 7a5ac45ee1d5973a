namespace ManifestLint.CorpusGenerator.Emit;

/// <summary>
/// Block-style YAML in the shape people write by hand: two-space indentation, "- key: value" for mappings in sequences,
/// literal blocks for multi-line strings, and double quotes only where a plain scalar would change type or meaning.
/// </summary>
internal static class YamlEmitter
{
    /// <param name="indentSequences">
    /// True for Helm-chart style ("containers:\n  - name:"), false for kubectl style where "- " sits at the key's own
    /// indentation. Both occur in real repositories, and the compact one keeps the corpus near its size budget.
    /// </param>
    public static void WriteDocument(TextBuffer buffer, Map root, bool indentSequences) =>
        WriteMapBody(buffer, root, indent: 0, continuesLine: false, indentSequences ? 2 : 0);

    /// <param name="continuesLine">True when the first key goes right after "- " on the current line.</param>
    private static void WriteMapBody(TextBuffer buffer, Map map, int indent, bool continuesLine, int sequenceIndent)
    {
        var first = true;
        foreach (var entry in map.Entries)
        {
            if (!(first && continuesLine))
            {
                buffer.Indent(indent);
            }

            first = false;
            if (entry.Marked)
            {
                buffer.Mark();
            }

            WriteString(buffer, entry.Key);
            buffer.Append(':');
            WriteValue(buffer, entry.Value, indent, sequenceIndent);
        }
    }

    /// <summary>Writes what follows "key:", including the line break(s).</summary>
    private static void WriteValue(TextBuffer buffer, Node value, int indent, int sequenceIndent)
    {
        switch (value)
        {
            case Scalar { Kind: ScalarKind.String } s when s.Text.Contains('\n'):
                WriteLiteralBlock(buffer, s.Text, indent + 2);
                break;
            case Scalar s:
                buffer.Append(' ');
                WriteScalar(buffer, s);
                buffer.NewLine();
                break;
            case Map { Entries.Count: 0 }:
                buffer.AppendLine(" {}");
                break;
            case Map map:
                buffer.NewLine();
                WriteMapBody(buffer, map, indent + 2, continuesLine: false, sequenceIndent);
                break;
            case Seq { Items.Count: 0 }:
                buffer.AppendLine(" []");
                break;
            case Seq seq:
                buffer.NewLine();
                WriteSequence(buffer, seq, indent + sequenceIndent, sequenceIndent);
                break;
            default:
                throw new InvalidOperationException($"Unsupported node {value.GetType().Name}.");
        }
    }

    private static void WriteSequence(TextBuffer buffer, Seq seq, int indent, int sequenceIndent)
    {
        foreach (var item in seq.Items)
        {
            buffer.Indent(indent);
            buffer.Append("- ");
            switch (item)
            {
                case Map { Entries.Count: > 0 } map:
                    WriteMapBody(buffer, map, indent + 2, continuesLine: true, sequenceIndent);
                    break;
                case Scalar s when !s.Text.Contains('\n'):
                    WriteScalar(buffer, s);
                    buffer.NewLine();
                    break;
                default:
                    // Nested sequences, empty maps and multi-line items never occur in the corpus; fail loudly if they start to.
                    throw new InvalidOperationException("Unsupported sequence item.");
            }
        }
    }

    private static void WriteLiteralBlock(TextBuffer buffer, string text, int indent)
    {
        // "|" keeps the final newline, "|-" strips it; choose whichever round-trips the value exactly.
        var keepsFinalNewline = text.EndsWith('\n');
        buffer.AppendLine(keepsFinalNewline ? " |" : " |-");
        var body = keepsFinalNewline ? text[..^1] : text;
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
            {
                buffer.Indent(indent);
                buffer.Append(line);
            }

            buffer.NewLine();
        }
    }

    private static void WriteScalar(TextBuffer buffer, Scalar scalar)
    {
        if (scalar.Kind == ScalarKind.String)
        {
            WriteString(buffer, scalar.Text);
        }
        else
        {
            buffer.Append(scalar.Text);
        }
    }

    private static void WriteString(TextBuffer buffer, string text)
    {
        if (!YamlScalars.NeedsQuotes(text))
        {
            buffer.Append(text);
            return;
        }

        buffer.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': buffer.Append("\\\""); break;
                case '\\': buffer.Append("\\\\"); break;
                case '\n': buffer.Append("\\n"); break;
                case '\t': buffer.Append("\\t"); break;
                default: buffer.Append(c); break;
            }
        }

        buffer.Append('"');
    }
}

/// <summary>Decides when a string must be quoted so that YAML 1.1 and 1.2 parsers both read it back as the same string.</summary>
internal static class YamlScalars
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    };

    private const string IndicatorStarts = "-?:,[]{}#&*!|>'\"%@`";

    public static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || Reserved.Contains(text))
        {
            return true;
        }

        if (IndicatorStarts.Contains(text[0]) || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return true;
        }

        if (text.EndsWith(':') || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return LooksNumeric(text);
    }

    /// <summary>
    /// Deliberately over-approximates YAML 1.1 numbers, octals, hex, sexagesimals and dates ("1.4.2", "0x1F", "12:30",
    /// "2024-01-05"): quoting a string that did not need it is harmless, leaving a number-like one plain is not.
    /// </summary>
    private static bool LooksNumeric(string text)
    {
        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiHexDigit(c) || c is '.' or '+' or '-' or '_' or ':' or 'x' or 'X' or 'o' or 'O'))
            {
                return false;
            }
        }

        return true;
    }
}
