package lab.reptile.browser;

/** Where an adaptation starts; each start is drawn as its own curve, in this order, and can be shown or hidden. */
public enum Start {
    /** The server's meta-weights (Reptile): red, solid. */
    META,
    /** A randomly initialised net, the same for every visitor: blue, dashed. */
    RANDOM,
    /** The server's pretrained baseline (ordinary SGD on pooled tasks): orange, dotted. */
    PRETRAINED
}
