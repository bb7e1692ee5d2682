package planner

// nodeHeap is a binary min-heap of nodes keyed by distance, with decrease-key.
type nodeHeap struct {
	nodes []int32
	keys  []int64
	at    []int32 // position of a node in nodes, -1 when absent
}

func newNodeHeap(n int) nodeHeap {
	h := nodeHeap{at: make([]int32, n)}
	for i := range h.at {
		h.at[i] = -1
	}
	return h
}

func (h *nodeHeap) len() int { return len(h.nodes) }

// update inserts v with key k, or lowers its key to k.
func (h *nodeHeap) update(v int32, k int64) {
	i := h.at[v]
	if i < 0 {
		i = int32(len(h.nodes))
		h.nodes = append(h.nodes, v)
		h.keys = append(h.keys, k)
		h.at[v] = i
	} else if k >= h.keys[i] {
		return
	}
	h.keys[i] = k
	h.up(int(i))
}

// pop removes and returns the node with the least key.
func (h *nodeHeap) pop() int32 {
	v := h.nodes[0]
	last := len(h.nodes) - 1
	h.swap(0, last)
	h.nodes, h.keys = h.nodes[:last], h.keys[:last]
	h.at[v] = -1
	if last > 0 {
		h.down(0)
	}
	return v
}

func (h *nodeHeap) swap(i, j int) {
	h.nodes[i], h.nodes[j] = h.nodes[j], h.nodes[i]
	h.keys[i], h.keys[j] = h.keys[j], h.keys[i]
	h.at[h.nodes[i]], h.at[h.nodes[j]] = int32(i), int32(j)
}

func (h *nodeHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h.keys[p] <= h.keys[i] {
			return
		}
		h.swap(i, p)
		i = p
	}
}

func (h *nodeHeap) down(i int) {
	n := len(h.nodes)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h.keys[r] < h.keys[l] {
			m = r
		}
		if h.keys[i] <= h.keys[m] {
			return
		}
		h.swap(i, m)
		i = m
	}
}
