package io.pipelinemanager.core.internal.engine.zset;

/**
 * A reusable, mutable view of two rows side by side, for evaluating join predicates without
 * copying. Never store it in a Z-set; materialise with {@link Rows#concat} instead.
 */
public final class ConcatView implements Row {
    private Row left;
    private Row right;
    private int leftSize;

    /** Points the view at a pair of rows and returns it. */
    public ConcatView of(Row l, Row r) {
        this.left = l;
        this.right = r;
        this.leftSize = l.size();
        return this;
    }

    @Override
    public int size() {
        return leftSize + right.size();
    }

    @Override
    public Object get(int i) {
        return i < leftSize ? left.get(i) : right.get(i - leftSize);
    }
}
