namespace ManifestLint.CorpusGenerator.Emit;

/// <summary>
/// Pretty-printed JSON like `kubectl get -o json`: one key per line, so a fault marker resolves to the line of its key
/// just as it does in YAML.
/// </summary>
internal static class JsonEmitter
{
    public static void WriteDocument(TextBuffer buffer, Node root)
    {
        WriteValue(buffer, root, indent: 0);
        buffer.NewLine();
    }

    private static void WriteValue(TextBuffer buffer, Node value, int indent)
    {
        switch (value)
        {
            case Scalar { Kind: ScalarKind.String } s:
                WriteString(buffer, s.Text);
                break;
            case Scalar s:
                buffer.Append(s.Text);
                break;
            case Map { Entries.Count: 0 }:
                buffer.Append("{}");
                break;
            case Map map:
                WriteMap(buffer, map, indent);
                break;
            case Seq { Items.Count: 0 }:
                buffer.Append("[]");
                break;
            case Seq seq:
                WriteSequence(buffer, seq, indent);
                break;
            default:
                throw new InvalidOperationException($"Unsupported node {value.GetType().Name}.");
        }
    }

    private static void WriteMap(TextBuffer buffer, Map map, int indent)
    {
        buffer.Append('{');
        buffer.NewLine();
        var entries = map.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            buffer.Indent(indent + 2);
            if (entries[i].Marked)
            {
                buffer.Mark();
            }

            WriteString(buffer, entries[i].Key);
            buffer.Append(": ");
            WriteValue(buffer, entries[i].Value, indent + 2);
            if (i < entries.Count - 1)
            {
                buffer.Append(',');
            }

            buffer.NewLine();
        }

        buffer.Indent(indent);
        buffer.Append('}');
    }

    private static void WriteSequence(TextBuffer buffer, Seq seq, int indent)
    {
        buffer.Append('[');
        buffer.NewLine();
        var items = seq.Items;
        for (var i = 0; i < items.Count; i++)
        {
            buffer.Indent(indent + 2);
            WriteValue(buffer, items[i], indent + 2);
            if (i < items.Count - 1)
            {
                buffer.Append(',');
            }

            buffer.NewLine();
        }

        buffer.Indent(indent);
        buffer.Append(']');
    }

    private static void WriteString(TextBuffer buffer, string text)
    {
        buffer.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': buffer.Append("\\\""); break;
                case '\\': buffer.Append("\\\\"); break;
                case '\n': buffer.Append("\\n"); break;
                case '\r': buffer.Append("\\r"); break;
                case '\t': buffer.Append("\\t"); break;
                case < ' ': buffer.Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture).Insert(0, "\\u")); break;
                default: buffer.Append(c); break;
            }
        }

        buffer.Append('"');
    }
}
