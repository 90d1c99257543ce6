package build

import "context"

// For the swap tests (package build_test).

func UseTwoRenames(b *Build)                                  { b.twoRenames = true }
func SetStepHook(b *Build, f func(string))                    { b.stepHook = f }
func LockDir(ctx context.Context, dir string) (func(), error) { return lockDir(ctx, dir, nil) }
