package app;

public class Hello {
    public static void main(String[] args) {
        System.out.println("hello from a jar built under chroot isolation, " + Runtime.version().feature());
    }
}
