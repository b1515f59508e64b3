namespace AuditLedger.Trust.Tests;

/// <summary>
/// RFC 6962 known answers: the Certificate Transparency reference vectors (the eight leaf inputs, the root of every
/// prefix, and the inclusion and consistency proofs for small trees used by the CT reference implementations),
/// and forged proofs, each of which must be refused.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[][] Inputs = new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
        .Select(Convert.FromHexString).ToArray();

    private static readonly List<byte[]> Leaves = Inputs.Select(i => MerkleTree.LeafHash(i)).ToList();

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 1, [] },
    };

    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 1, [] },
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    private static byte[] Root(long size) => Convert.FromHexString(Roots[size]);

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void the_empty_tree_hashes_to_sha256_of_nothing() => Hex(MerkleTree.EmptyRoot()).ShouldBe(Roots[0]);

    [Fact]
    public void every_prefix_of_the_reference_leaves_has_the_reference_root_by_recursion_and_by_frontier()
    {
        var frontier = new MerkleFrontier();
        Hex(frontier.Root()).ShouldBe(Roots[0]);
        for (var n = 1; n <= Leaves.Count; n++)
        {
            Hex(MerkleTree.Root(Leaves, n)).ShouldBe(Roots[n], $"size {n}");
            frontier.Append(Leaves[n - 1]);
            Hex(frontier.Root()).ShouldBe(Roots[n], $"frontier size {n}");
            var restored = MerkleFrontier.Deserialize(frontier.Size, frontier.Serialize());
            Hex(restored.Root()).ShouldBe(Roots[n]);
        }
    }

    [Theory, MemberData(nameof(InclusionVectors))]
    public void inclusion_proofs_match_the_reference_and_verify(long index, long size, string[] expected)
    {
        var path = MerkleTree.InclusionPath(Leaves, index, size);
        path.Select(Hex).ShouldBe(expected);
        MerkleTree.VerifyInclusion(index, size, Leaves[(int)index], path, Root(size)).ShouldBeTrue();
    }

    [Theory, MemberData(nameof(ConsistencyVectors))]
    public void consistency_proofs_match_the_reference_and_verify(long oldSize, long newSize, string[] expected)
    {
        var proof = MerkleTree.ConsistencyProof(Leaves, oldSize, newSize);
        proof.Select(Hex).ShouldBe(expected);
        MerkleTree.VerifyConsistency(oldSize, newSize, Root(oldSize), Root(newSize), proof).ShouldBeTrue();
    }

    [Fact]
    public void every_proof_of_every_tree_up_to_40_leaves_verifies()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i * 7)])).ToList();
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = MerkleTree.Root(leaves, size);
            for (var i = 0; i < size; i++)
                MerkleTree.VerifyInclusion(i, size, leaves[i], MerkleTree.InclusionPath(leaves, i, size), root).ShouldBeTrue($"leaf {i} of {size}");
            for (var old = 0; old <= size; old++)
                MerkleTree.VerifyConsistency(old, size, MerkleTree.Root(leaves, old), root, MerkleTree.ConsistencyProof(leaves, old, size)).ShouldBeTrue($"{old} -> {size}");
        }
    }

    // ---- forged inclusion proofs ----

    public static TheoryData<string> InclusionForgeries => new() { "wrong path element", "wrong index", "wrong size", "bigger size", "swapped order", "truncated path", "extended path", "empty path", "wrong leaf", "wrong root", "index past the end", "negative index", "short hash" };

    [Theory, MemberData(nameof(InclusionForgeries))]
    public void a_forged_inclusion_proof_is_refused(string forgery)
    {
        const long index = 5, size = 8;
        var path = MerkleTree.InclusionPath(Leaves, index, size);
        var leaf = Leaves[(int)index];
        var root = Root(size);
        MerkleTree.VerifyInclusion(index, size, leaf, path, root).ShouldBeTrue();

        var verified = forgery switch
        {
            "wrong path element" => MerkleTree.VerifyInclusion(index, size, leaf, [path[0], Flip(path[1]), path[2]], root),
            "wrong index" => MerkleTree.VerifyInclusion(index - 1, size, leaf, path, root) || MerkleTree.VerifyInclusion(index + 1, size, leaf, path, root),
            // (Size 7 with the root of 8 would pass: leaf 5 has the same path shape in both trees; a checkpoint signs size and root together.)
            "wrong size" => MerkleTree.VerifyInclusion(index, 7, leaf, path, Root(7)) || MerkleTree.VerifyInclusion(index, 6, leaf, path, root),
            "bigger size" => MerkleTree.VerifyInclusion(index, size * 2, leaf, path, root),
            "swapped order" => MerkleTree.VerifyInclusion(index, size, leaf, [path[1], path[0], path[2]], root),
            "truncated path" => MerkleTree.VerifyInclusion(index, size, leaf, path.Take(2).ToList(), root),
            "extended path" => MerkleTree.VerifyInclusion(index, size, leaf, [.. path, Leaves[0]], root),
            "empty path" => MerkleTree.VerifyInclusion(index, size, leaf, [], root),
            "wrong leaf" => MerkleTree.VerifyInclusion(index, size, Leaves[4], path, root),
            "wrong root" => MerkleTree.VerifyInclusion(index, size, leaf, path, Root(7)),
            "index past the end" => MerkleTree.VerifyInclusion(size, size, leaf, path, root),
            "negative index" => MerkleTree.VerifyInclusion(-1, size, leaf, path, root),
            "short hash" => MerkleTree.VerifyInclusion(index, size, leaf, [path[0][..31], path[1], path[2]], root),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        verified.ShouldBeFalse(forgery);
    }

    [Fact]
    public void a_proof_for_one_leaf_does_not_prove_another_leaf_in_any_position()
    {
        for (var size = 1; size <= 8; size++)
            for (var i = 0; i < size; i++)
                for (var j = 0; j < size; j++)
                    if (j != i)
                        MerkleTree.VerifyInclusion(i, size, Leaves[j], MerkleTree.InclusionPath(Leaves, i, size), Root(size)).ShouldBeFalse($"leaf {j} at {i} of {size}");
    }

    // ---- forged consistency proofs ----

    public static TheoryData<string> ConsistencyForgeries => new() { "wrong path element", "wrong old size", "wrong new size", "swapped order", "truncated path", "extended path", "empty path", "wrong old root", "wrong new root", "old bigger than new", "roots swapped" };

    [Theory, MemberData(nameof(ConsistencyForgeries))]
    public void a_forged_consistency_proof_is_refused(string forgery)
    {
        const long oldSize = 6, newSize = 8;
        var proof = MerkleTree.ConsistencyProof(Leaves, oldSize, newSize);
        var (oldRoot, newRoot) = (Root(oldSize), Root(newSize));
        MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof).ShouldBeTrue();

        var verified = forgery switch
        {
            "wrong path element" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [proof[0], Flip(proof[1]), proof[2]]),
            "wrong old size" => MerkleTree.VerifyConsistency(5, newSize, Root(5), newRoot, proof) || MerkleTree.VerifyConsistency(5, newSize, oldRoot, newRoot, proof),
            "wrong new size" => MerkleTree.VerifyConsistency(oldSize, 7, oldRoot, Root(7), proof) || MerkleTree.VerifyConsistency(oldSize, 16, oldRoot, newRoot, proof),
            "swapped order" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [proof[1], proof[0], proof[2]]),
            "truncated path" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.Take(2).ToList()),
            "extended path" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, Leaves[0]]),
            "empty path" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, []),
            "wrong old root" => MerkleTree.VerifyConsistency(oldSize, newSize, Root(5), newRoot, proof),
            "wrong new root" => MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, Root(7), proof),
            "old bigger than new" => MerkleTree.VerifyConsistency(newSize, oldSize, newRoot, oldRoot, proof),
            "roots swapped" => MerkleTree.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, proof),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        verified.ShouldBeFalse(forgery);
    }

    [Fact]
    public void equal_sizes_need_equal_roots_and_an_empty_proof()
    {
        MerkleTree.VerifyConsistency(8, 8, Root(8), Root(8), []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(8, 8, Root(8), Root(7), []).ShouldBeFalse();
        MerkleTree.VerifyConsistency(8, 8, Root(8), Root(8), [Leaves[0]]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(0, 8, Root(0), Root(8), []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(0, 8, Root(1), Root(8), []).ShouldBeFalse();
    }

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }
}
