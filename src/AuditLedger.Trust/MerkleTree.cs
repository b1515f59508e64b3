namespace AuditLedger.Trust;

using System.Numerics;
using System.Security.Cryptography;

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (kept unchanged in RFC 9162 §2.1), with SHA-256:
/// the empty tree hashes to SHA-256(""), a leaf to SHA-256(0x00 || leaf), an interior node to
/// SHA-256(0x01 || left || right); a tree of n &gt; 1 leaves splits at k, the largest power of two below n.
/// Proofs are generated as RFC 6962 §2.1.1 (PATH) and §2.1.2 (PROOF/SUBPROOF) define them and verified with the
/// algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so any standard verifier and its negative test vectors apply.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>MTH({}) = SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH({d}) = SHA-256(0x00 || d).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> buffer = leaf.Length <= 512 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        buffer[0] = 0x00;
        leaf.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The root of the first <paramref name="size"/> leaf hashes.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? EmptyRoot() : Subtree(leafHashes, 0, size);
    }

    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes, leafHashes.Count);

    /// <summary>RFC 6962 §2.1.1: the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves, from the leaf upwards.</summary>
    public static List<byte[]> InclusionPath(IReadOnlyList<byte[]> leafHashes, long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size} leaves");
        var path = new List<byte[]>();
        Path(leafHashes, index, 0, size, path);
        return path;
    }

    /// <summary>RFC 6962 §2.1.2: PROOF(m, D[n]), that the tree of the first <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/>.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, leafHashes.Count);
        if (oldSize < 0 || oldSize > newSize) throw new ArgumentOutOfRangeException(nameof(oldSize), $"no consistency proof from {oldSize} to {newSize}");
        var proof = new List<byte[]>();
        // An empty old tree, or an unchanged one, is consistent with nothing to prove (RFC 9162 §2.1.4.1).
        if (oldSize == 0 || oldSize == newSize) return proof;
        SubProof(leafHashes, oldSize, 0, newSize, true, proof);
        return proof;
    }

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="path"/> prove leaf <paramref name="leafHash"/> at <paramref name="index"/> in the tree of <paramref name="size"/> with <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size) return false;
        if (leafHash.Length != HashSize || root.Length != HashSize) return false;
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (p is not { Length: HashSize }) return false;
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>RFC 9162 §2.1.4.2: does <paramref name="proof"/> show that the tree (<paramref name="oldSize"/>, <paramref name="oldRoot"/>) is a prefix of (<paramref name="newSize"/>, <paramref name="newRoot"/>)?</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldRoot.Length != HashSize || newRoot.Length != HashSize) return false;
        if (oldSize < 0 || oldSize > newSize) return false;
        if (oldSize == newSize) return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        // Every tree extends the empty one; an empty proof is the only honest proof of that.
        if (oldSize == 0) return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, EmptyRoot());
        if (proof.Count == 0) return false;
        foreach (var c in proof)
            if (c is not { Length: HashSize }) return false;

        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(oldSize)) path.Add(oldRoot.ToArray());
        path.AddRange(proof);

        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>k, the largest power of two smaller than n (n &gt; 1).</summary>
    internal static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, long start, long count)
    {
        if (count == 1) return leaves[(int)start];
        var k = Split(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, long index, long start, long count, List<byte[]> path)
    {
        if (count == 1) return;
        var k = Split(count);
        if (index < k)
        {
            Path(leaves, index, start, k, path);
            path.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, index - k, start + k, count - k, path);
            path.Add(Subtree(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, long m, long start, long count, bool whole, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!whole) proof.Add(Subtree(leaves, start, count));
            return;
        }
        var k = Split(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, whole, proof);
            proof.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, false, proof);
            proof.Add(Subtree(leaves, start, k));
        }
    }
}

/// <summary>
/// The right edge of a growing RFC 6962 tree: the roots of its perfect subtrees, largest (leftmost) first, one per
/// set bit of the size. Appending is O(1) amortised and the root of the current size is O(log n), so the sealer
/// extends the tree without reading old leaves, and the verifier checks every checkpoint in one pass.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _nodes = [];

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleTree.NodeHash(_nodes[^1], hash);
            _nodes.RemoveAt(_nodes.Count - 1);
        }
        _nodes.Add(hash);
        Size++;
    }

    /// <summary>MTH of the leaves appended so far: the subtree roots folded from the right, which is exactly RFC 6962's split at the largest power of two.</summary>
    public byte[] Root()
    {
        if (Size == 0) return MerkleTree.EmptyRoot();
        var hash = _nodes[^1];
        for (var i = _nodes.Count - 2; i >= 0; i--) hash = MerkleTree.NodeHash(_nodes[i], hash);
        return hash;
    }

    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._nodes.AddRange(_nodes);
        return copy;
    }

    /// <summary>The subtree roots concatenated, largest first (32 bytes each), for storing the sealer's position.</summary>
    public byte[] Serialize() => [.. _nodes.SelectMany(n => n)];

    public static MerkleFrontier Deserialize(long size, byte[] nodes)
    {
        var expected = BitOperations.PopCount((ulong)size);
        if (size < 0 || nodes.Length != expected * MerkleTree.HashSize)
            throw new InvalidDataException($"A frontier of a tree of {size} leaves holds {expected} hashes, not {nodes.Length} bytes.");
        var frontier = new MerkleFrontier { Size = size };
        for (var i = 0; i < expected; i++) frontier._nodes.Add(nodes[(i * MerkleTree.HashSize)..((i + 1) * MerkleTree.HashSize)]);
        return frontier;
    }
}
