using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>
/// Makes one deterministic change somewhere in an object's tree, of the kinds people make: a key misspelled (two letters
/// swapped) or capitalised, a scalar replaced by a word, a number quoted, a mapping replaced by a list, a field dropped, an
/// enum-like value lower-cased (a time's 'T' and 'Z' with it), digits run on (a number past int32, base64 that no longer
/// ends a quantum). Spans are kept from the original nodes.
/// </summary>
public static class TreeMutator
{
    public static MappingNode Mutate(MappingNode root, Random random)
    {
        var count = Count(root);
        var target = random.Next(1, Math.Max(2, count));
        var index = 0;
        var mutated = (MappingNode)Rebuild(root, ref index, target, random);

        // apiVersion and kind say which schema applies; a change there makes another object, not a mistake in this one.
        var identity = root.Entries.Where(e => e.KeyText is "apiVersion" or "kind").ToList();
        return new MappingNode([.. identity, .. mutated.Entries.Where(e => e.KeyText is not ("apiVersion" or "kind"))], root.Span);
    }

    private static int Count(ManifestNode node) => 1 + node switch
    {
        MappingNode mapping => mapping.Entries.Sum(e => Count(e.Value)),
        SequenceNode sequence => sequence.Items.Sum(Count),
        _ => 0,
    };

    private static ManifestNode Rebuild(ManifestNode node, ref int index, int target, Random random)
    {
        var here = index++;
        switch (node)
        {
            case MappingNode mapping:
            {
                var entries = new List<MappingEntry>();
                foreach (var entry in mapping.Entries)
                {
                    var start = index;
                    var value = Rebuild(entry.Value, ref index, target, random);
                    var isTarget = start == target;
                    if (isTarget && random.Next(4) == 0)
                    {
                        continue; // drop the field
                    }

                    var key = isTarget && random.Next(2) == 0 ? Misspell(entry.Key, random) : entry.Key;
                    entries.Add(new MappingEntry(key, value));
                }

                return entries.Count == 0 ? new ScalarNode("", ScalarStyle.Plain, mapping.Span) : new MappingNode(entries, mapping.Span);
            }

            case SequenceNode sequence:
            {
                var items = new List<ManifestNode>();
                foreach (var item in sequence.Items)
                {
                    items.Add(Rebuild(item, ref index, target, random));
                }

                return new SequenceNode(items, sequence.Span);
            }

            case ScalarNode scalar when here == target:
                return random.Next(5) switch
                {
                    0 => new ScalarNode("oops", ScalarStyle.Plain, scalar.Span),
                    1 => new ScalarNode(scalar.Value, ScalarStyle.DoubleQuoted, scalar.Span),
                    2 => new ScalarNode(scalar.Value.ToLowerInvariant(), scalar.Style, scalar.Span),
                    3 => new ScalarNode(scalar.Value + "0000000000", scalar.Style, scalar.Span),
                    _ => new SequenceNode([scalar], scalar.Span),
                };
            default:
                return node;
        }
    }

    private static ScalarNode Misspell(ScalarNode key, Random random)
    {
        var text = key.Value;
        if (text.Length < 2)
        {
            return new ScalarNode(text + "x", key.Style, key.Span);
        }

        var chars = text.ToCharArray();
        if (random.Next(2) == 0)
        {
            chars[0] = char.IsUpper(chars[0]) ? char.ToLowerInvariant(chars[0]) : char.ToUpperInvariant(chars[0]);
        }
        else
        {
            var i = random.Next(chars.Length - 1);
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }

        return new ScalarNode(new string(chars), key.Style, key.Span);
    }
}
