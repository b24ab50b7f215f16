using System.Buffers;
using System.IO.Pipelines;

namespace VapiAgents.VapiSimulator.Api;

/// <summary>
/// A response body made of pre-serialised JSON pieces. A page of calls is written as
/// "[" + call + "," + call + ... + "]" by copying each call's bytes, never re-serialising.
/// </summary>
internal sealed class JsonBody
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly byte[] Open = "["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Close = "]"u8.ToArray();

    private readonly IReadOnlyList<byte[]> _items;
    private readonly bool _isArray;

    private JsonBody(IReadOnlyList<byte[]> items, bool isArray)
    {
        _items = items;
        _isArray = isArray;
        Length = items.Sum(item => (long)item.Length) + (isArray ? 2 + Math.Max(0, items.Count - 1) : 0);
    }

    public long Length { get; }

    public static JsonBody Array(IReadOnlyList<byte[]> items) => new(items, isArray: true);

    public static JsonBody Single(byte[] json) => new([json], isArray: false);

    /// <summary>Writes the body, or only its first <paramref name="maxBytes"/> bytes.</summary>
    public async Task WriteAsync(PipeWriter writer, long maxBytes, CancellationToken cancellationToken)
    {
        var budget = maxBytes;
        foreach (var piece in Pieces())
        {
            if (budget <= 0)
            {
                break;
            }

            var part = piece.Length <= budget ? piece : piece[..(int)budget];
            writer.Write(part.Span);
            budget -= part.Length;
            if (writer.UnflushedBytes >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<ReadOnlyMemory<byte>> Pieces()
    {
        if (!_isArray)
        {
            yield return _items[0];
            yield break;
        }

        yield return Open;
        for (var i = 0; i < _items.Count; i++)
        {
            if (i > 0)
            {
                yield return Comma;
            }

            yield return _items[i];
        }

        yield return Close;
    }
}
